import { Inject, Injectable } from '@nestjs/common';
import { UpstreamCaller } from '../../upstream/upstream-caller.service';
import { countedUsage, deliveredTextOf, tokenUsageOf } from '../../usage/token-usage';
import { type PipelineContext, required } from '../pipeline-context';
import type { PipelineStage } from '../pipeline-stage';

/**
 * The plan's candidates in health order, falling back on retriable failures (UpstreamCaller):
 * a whole answer, with its usage, or a stream opened as far as its first chunk.
 */
@Injectable()
export class CallUpstreamStage implements PipelineStage {
  readonly name = 'call-upstream';

  constructor(@Inject(UpstreamCaller) private readonly upstream: UpstreamCaller) {}

  async run(ctx: PipelineContext): Promise<void> {
    ctx.timings.upstreamStartedAt = performance.now();
    if (required(ctx.request, 'request').body.stream) {
      const { value, served } = await this.upstream.openStream(ctx);
      ctx.timings.upstreamEndedAt = performance.now();
      Object.assign(ctx, { opened: value, served });
      return;
    }
    const { value: completion, served } = await this.upstream.complete(ctx);
    ctx.timings.upstreamEndedAt = performance.now();
    const delivered = completion.choices.map((c) => deliveredTextOf(c.message)).join('');
    const usage = tokenUsageOf(completion.usage) ?? countedUsage(served.promptTokens, delivered);
    Object.assign(ctx, { completion, served, usage, status: 'completed' });
  }
}
