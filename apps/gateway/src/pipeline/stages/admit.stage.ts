import { Inject, Injectable } from '@nestjs/common';
import { HoldService } from '../../credits/hold.service';
import { RateLimitService } from '../../rate-limit/rate-limit.service';
import { type PipelineContext, required } from '../pipeline-context';
import type { PipelineStage } from '../pipeline-stage';

/**
 * Rate limits and the credit hold, in one Redis round trip's time: both run at once. A 429 wins
 * over a 402; its hold is given straight back (release-hold), so a limited request is never held or billed.
 */
@Injectable()
export class AdmitStage implements PipelineStage {
  readonly name = 'admit';

  constructor(
    @Inject(RateLimitService) private readonly rateLimits: RateLimitService,
    @Inject(HoldService) private readonly holds: HoldService,
  ) {}

  async run(ctx: PipelineContext): Promise<void> {
    const plan = required(ctx.plan, 'plan');
    const [limit, hold] = await Promise.allSettled([
      this.rateLimits.enforce(ctx.key, plan.promptTokens, ctx.res),
      this.holds.place(ctx.key.teamId, ctx.http.requestId, plan.holdMicro),
    ]);
    if (hold.status === 'fulfilled') ctx.held = true;
    if (limit.status === 'rejected') throw limit.reason;
    if (hold.status === 'rejected') throw hold.reason;
  }
}
