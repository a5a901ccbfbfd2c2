import { Inject, Injectable } from '@nestjs/common';
import { GatewayMetrics } from '@switchyard/observability';
import type { PipelineContext } from '../pipeline/pipeline-context';
import type { PipelineHook, StageName } from '../pipeline/pipeline-stage';

/** The gateway's own overhead per answer (the figure x-switchyard-overhead-ms shows), from the context. */
@Injectable()
export class OverheadMetricsHook implements PipelineHook {
  readonly name = 'overhead-metrics';

  constructor(@Inject(GatewayMetrics) private readonly metrics: GatewayMetrics) {}

  after(stage: StageName, ctx: PipelineContext): void {
    const { overheadMs } = ctx.timings;
    if (stage === 'encode-answer' && overheadMs !== undefined && overheadMs > 0)
      this.metrics.overhead.observe({ route: ctx.route }, overheadMs / 1000);
  }
}
