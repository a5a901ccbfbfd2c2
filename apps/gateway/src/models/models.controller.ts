import { Controller, Get, Inject, Param, UseGuards } from '@nestjs/common';
import { ModelNotFoundError } from '@switchyard/contracts';
import { describeModels, describeTaskTypes } from '@switchyard/router';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { CATALOG, type LoadedCatalog } from '../config/catalog.loader';

@Controller('v1')
@UseGuards(ApiKeyGuard)
export class ModelsController {
  private readonly models: ReturnType<typeof describeModels>;
  private readonly taskTypes: ReturnType<typeof describeTaskTypes>;

  // The catalog is fixed for the life of the process, so the listings are built once.
  constructor(@Inject(CATALOG) loaded: LoadedCatalog) {
    this.models = describeModels(loaded.catalog);
    this.taskTypes = describeTaskTypes(loaded.catalog);
  }

  @Get('models')
  list() {
    return { object: 'list', data: this.models };
  }

  @Get('models/:id')
  get(@Param('id') id: string) {
    const model = this.models.find((m) => m.id === id);
    if (!model) throw new ModelNotFoundError(id);
    return model;
  }

  @Get('task-types')
  listTaskTypes() {
    return { object: 'list', data: this.taskTypes };
  }
}
