import { Inject, Injectable } from '@nestjs/common';
import { HoldService } from '../../credits/hold.service';
import type { PipelineContext } from '../pipeline-context';
import type { PipelineStage } from '../pipeline-stage';

/** When a request fails before its answer started, its hold goes back: a failed request is never billed. */
@Injectable()
export class ReleaseHoldStage implements PipelineStage {
  readonly name = 'release-hold';

  constructor(@Inject(HoldService) private readonly holds: HoldService) {}

  appliesTo(ctx: PipelineContext): boolean {
    return ctx.held && !ctx.res.headersSent;
  }

  async run(ctx: PipelineContext): Promise<void> {
    ctx.held = false;
    await this.holds.release(ctx.key.teamId, ctx.http.requestId);
  }
}
