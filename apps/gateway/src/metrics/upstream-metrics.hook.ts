import { Inject, Injectable } from '@nestjs/common';
import { SwitchyardError } from '@switchyard/contracts';
import { GatewayMetrics } from '@switchyard/observability';
import type { PipelineContext } from '../pipeline/pipeline-context';
import type { PipelineHook, StageName } from '../pipeline/pipeline-stage';
import type { UpstreamAttempt } from '../upstream/upstream-caller.service';

function codeOf(err: unknown): string {
  if (err instanceof SwitchyardError) return err.code;
  return err instanceof Error && err.name === 'AbortError' ? 'aborted' : 'unknown';
}

/**
 * Every provider call, measured: latency and errors by provider and upstream model, and a
 * stream's time to first token. Calls are read off the context once they are over: after
 * call-upstream (whole answers, failed attempts), after relay-stream (the stream that served).
 */
@Injectable()
export class UpstreamMetricsHook implements PipelineHook {
  readonly name = 'upstream-metrics';

  constructor(@Inject(GatewayMetrics) private readonly metrics: GatewayMetrics) {}

  after(stage: StageName, ctx: PipelineContext): void {
    if (stage === 'call-upstream') this.onCalls(ctx);
    else if (stage === 'relay-stream') this.ended(ctx.attempts.at(-1));
  }

  onError(stage: StageName, ctx: PipelineContext): void {
    if (stage === 'call-upstream') this.onCalls(ctx);
  }

  private onCalls(ctx: PipelineContext): void {
    for (const attempt of ctx.attempts) {
      if (attempt.firstChunkAt !== undefined)
        this.metrics.timeToFirstToken.observe(labelsOf(attempt), (attempt.firstChunkAt - attempt.startedAt) / 1000);
      if (attempt.endedAt !== undefined) this.ended(attempt);
    }
  }

  private ended(attempt: UpstreamAttempt | undefined): void {
    if (attempt?.endedAt === undefined) return;
    const labels = labelsOf(attempt);
    const outcome = attempt.failed ? 'error' : 'ok';
    const seconds = (attempt.endedAt - attempt.startedAt) / 1000;
    this.metrics.upstreamDuration.observe({ ...labels, kind: attempt.kind, outcome }, seconds);
    if (attempt.failed) this.metrics.upstreamErrors.inc({ ...labels, code: codeOf(attempt.error) });
  }
}

function labelsOf(attempt: UpstreamAttempt): { provider: string; model: string } {
  return { provider: attempt.provider, model: attempt.upstreamModel };
}
