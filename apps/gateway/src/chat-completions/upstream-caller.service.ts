import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ServiceUnavailableError,
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatRequestBody,
  type ValidatedChatRequest,
} from '@switchyard/contracts';
import { type LlmProvider, UpstreamError } from '@switchyard/providers';
import { rankByHealth } from '@switchyard/router';
import { inAttemptSpan } from '../tracing/request-spans';
import { PROVIDERS } from '../infra/infra.tokens';
import { UpstreamHealth } from '../upstream-health/upstream-health.service';
import type { Candidate, ChatPlan } from './chat-plan';

/** The candidate that answered, and the ones that failed before it (in the order tried). */
export type ServedCandidate = Candidate & { failedOver: readonly string[] };

export interface UpstreamAnswer<T> {
  value: T;
  served: ServedCandidate;
}

export interface OpenedStream {
  first: ChatCompletionChunk | null;
  rest: AsyncIterator<ChatCompletionChunk>;
}

/**
 * Calls the plan's candidates in health order (open circuits skipped, slow models later). A
 * retriable failure (connect error, timeout, 429/5xx) before anything reached the client moves
 * on to the next candidate, up to the routing policy's attempt bound; the last failure is thrown
 * (502/504, upstream words only in the log). Every candidate's circuit open → 503 with Retry-After.
 */
@Injectable()
export class UpstreamCaller {
  private readonly logger = new Logger(UpstreamCaller.name);

  constructor(
    @Inject(PROVIDERS) private readonly providers: ReadonlyMap<string, LlmProvider>,
    @Inject(UpstreamHealth) private readonly health: UpstreamHealth,
  ) {}

  complete(
    plan: ChatPlan,
    request: ValidatedChatRequest,
    signal: AbortSignal,
  ): Promise<UpstreamAnswer<ChatCompletion>> {
    return this.withFallback(plan, request, signal, (provider, body) => provider.complete(body, { signal }));
  }

  /** Opens a stream and waits for its first chunk, so a dead upstream can still fall back. */
  openStream(
    plan: ChatPlan,
    request: ValidatedChatRequest,
    signal: AbortSignal,
  ): Promise<UpstreamAnswer<OpenedStream>> {
    return this.withFallback(plan, request, signal, async (provider, body) => {
      const rest = provider
        .stream({ ...body, stream: true, stream_options: { include_usage: true } }, { signal })
        [Symbol.asyncIterator]();
      const head = await rest.next();
      return { first: head.done ? null : head.value, rest };
    });
  }

  /** A stream that failed after its first chunk still counts against the model's health. */
  failedMidStream(served: Candidate): void {
    this.health.failed(served.model.alias);
  }

  private async withFallback<T>(
    plan: ChatPlan,
    request: ValidatedChatRequest,
    signal: AbortSignal,
    call: (provider: LlmProvider, body: ChatRequestBody) => Promise<T>,
  ): Promise<UpstreamAnswer<T>> {
    // A named model is what the client chose: only open circuits reorder it, never latency.
    const slowFactor = plan.taskType === null ? Number.POSITIVE_INFINITY : this.health.policy.slowFactor;
    const ordered = rankByHealth(plan.candidates, (c) => c.model.alias, this.health.snapshot(), slowFactor);
    const failedOver: string[] = [];
    let lastError: unknown;
    let attempts = 0;
    for (const candidate of ordered) {
      if (attempts >= this.health.policy.maxAttempts) break;
      const alias = candidate.model.alias;
      if (!this.health.tryAcquire(alias)) continue;
      attempts += 1;
      const provider = this.providers.get(candidate.model.provider);
      if (!provider) throw new Error(`No provider named ${candidate.model.provider}`);
      const body: ChatRequestBody = {
        ...request.body,
        model: candidate.model.upstreamModel,
        max_tokens: candidate.maxTokens,
      };
      const startedAt = performance.now();
      try {
        const value = await inAttemptSpan(candidate, attempts, () => call(provider, body));
        this.health.succeeded(alias, performance.now() - startedAt);
        return { value, served: { ...candidate, failedOver } };
      } catch (err) {
        const retriable = err instanceof UpstreamError && err.retriable && !signal.aborted;
        if (retriable) this.health.failed(alias);
        else this.health.released(alias);
        if (!retriable) throw err;
        this.logger.warn({
          msg: 'upstream failed, trying the next candidate',
          model: alias,
          code: err.code,
          status: err.upstreamStatus,
          detail: err.detail,
        });
        lastError = err;
        failedOver.push(alias);
      }
    }
    if (attempts === 0) {
      const retryAfterSeconds = this.health.retryAfterSeconds(ordered.map((c) => c.model.alias));
      throw new ServiceUnavailableError(
        'Every upstream for this request is failing; try again shortly.',
        undefined,
        retryAfterSeconds,
      );
    }
    throw lastError;
  }
}
