import { Inject, Injectable } from '@nestjs/common';
import { CATALOG, type LoadedCatalog } from '../../config/catalog.loader';
import { planChat } from '../../routing/chat-plan';
import { type PipelineContext, required } from '../pipeline-context';
import type { PipelineStage } from '../pipeline-stage';

/** The route (candidates the key may use, whose window fits) and the hold; ends the request if the client left. */
@Injectable()
export class PlanStage implements PipelineStage {
  readonly name = 'plan';

  constructor(@Inject(CATALOG) private readonly loaded: LoadedCatalog) {}

  async run(ctx: PipelineContext): Promise<void | 'end'> {
    const plan = await planChat(this.loaded.catalog, ctx.key, required(ctx.request, 'request'), ctx.abort.signal);
    if (!plan) return 'end';
    ctx.plan = plan;
  }
}
