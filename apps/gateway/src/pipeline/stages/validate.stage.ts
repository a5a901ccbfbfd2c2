import { Injectable } from '@nestjs/common';
import { validateChatRequestInSlices } from '@switchyard/contracts';
import type { PipelineContext } from '../pipeline-context';
import type { PipelineStage } from '../pipeline-stage';

/** Every field checked, defaults applied (400 naming the param), in slices: a huge body costs others nothing. */
@Injectable()
export class ValidateStage implements PipelineStage {
  readonly name = 'validate';

  async run(ctx: PipelineContext): Promise<void> {
    ctx.request = await validateChatRequestInSlices(ctx.decoded);
  }
}
