import { Injectable } from '@nestjs/common';
import type { PipelineContext } from '../pipeline-context';
import type { PipelineStage } from '../pipeline-stage';

/** The client's body, in its door's wire shape, into the internal shape. */
@Injectable()
export class DecodeStage implements PipelineStage {
  readonly name = 'decode';

  run(ctx: PipelineContext): void {
    ctx.decoded = ctx.door.decode(ctx.wireBody);
  }
}
