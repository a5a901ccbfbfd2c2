import { Inject, Injectable } from '@nestjs/common';
import { ServiceUnavailableError } from '@switchyard/contracts';
import { type LlmProvider, UpstreamError } from '@switchyard/providers';
import { PROVIDERS } from '../../infra/infra.tokens';
import type { UpstreamAttempt } from '../../upstream/upstream-caller.service';
import { UpstreamHealth } from '../../upstream-health/upstream-health.service';
import { type PipelineContext, required } from '../pipeline-context';
import type { PipelineStage } from '../pipeline-stage';

/**
 * The embedding model's provider, in floats, behind the model's circuit breaker like any call
 * (an open circuit is a 503 with Retry-After). Embedding models have no fallbacks: a failure is
 * answered (502/504). The tokens billed are the ones counted before the call.
 */
@Injectable()
export class EmbeddingsCallUpstreamStage implements PipelineStage {
  readonly name = 'call-upstream';
  readonly door = 'embeddings';

  constructor(
    @Inject(PROVIDERS) private readonly providers: ReadonlyMap<string, LlmProvider>,
    @Inject(UpstreamHealth) private readonly health: UpstreamHealth,
  ) {}

  async run(ctx: PipelineContext): Promise<void> {
    const work = required(ctx.embeddings, 'embeddings');
    const { model, dimensions, promptTokens } = required(work.plan, 'embeddings plan');
    const provider = this.providers.get(model.provider);
    if (!provider?.embed) throw new Error(`Provider ${model.provider} has no embeddings`);
    if (!this.health.tryAcquire(model.alias)) {
      throw new ServiceUnavailableError(
        'The upstream for this model is failing; try again shortly.',
        undefined,
        this.health.retryAfterSeconds([model.alias]),
      );
    }
    const { request } = work;
    const input = request.input.kind === 'text' ? [...request.input.texts] : [...request.input.tokens];
    const body = {
      model: model.upstreamModel,
      input,
      encoding_format: 'float' as const,
      ...(request.dimensions !== undefined ? { dimensions: request.dimensions } : {}),
      ...(request.user !== undefined ? { user: request.user } : {}),
    };
    const startedAt = performance.now();
    const attempt: UpstreamAttempt = { provider: provider.name, upstreamModel: body.model, kind: 'embed', startedAt };
    ctx.attempts.push(attempt);
    ctx.timings.upstreamStartedAt = startedAt;
    try {
      work.vectors = await provider.embed(body as never, dimensions, { signal: ctx.abort.signal });
    } catch (err) {
      Object.assign(attempt, { endedAt: performance.now(), failed: true, error: err });
      if (err instanceof UpstreamError && err.retriable && !ctx.abort.signal.aborted) this.health.failed(model.alias);
      else this.health.released(model.alias);
      throw err;
    }
    const now = performance.now();
    attempt.endedAt = now;
    ctx.timings.upstreamEndedAt = now;
    this.health.succeeded(model.alias, now - startedAt);
    ctx.usage = { promptTokens, completionTokens: 0, cachedReadTokens: 0, cacheCreationTokens: 0 };
    ctx.status = 'completed';
  }
}
