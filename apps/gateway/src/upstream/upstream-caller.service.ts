import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  ServiceUnavailableError,
  type ChatCompletion,
  type ChatCompletionChunk,
  type ChatRequestBody,
  type ValidatedChatRequest,
} from '@switchyard/contracts';
import { type LlmProvider, type ProviderCallContext, UpstreamError } from '@switchyard/providers';
import { rankByHealth } from '@switchyard/router';
import { inAttemptSpan } from '../tracing/request-spans';
import { PROVIDERS } from '../infra/infra.tokens';
import { type PipelineContext, required } from '../pipeline/pipeline-context';
import type { Candidate, ChatPlan } from '../routing/chat-plan';
import { UpstreamHealth } from '../upstream-health/upstream-health.service';

/** The candidate that answered, and the ones that failed before it (in the order tried). */
export type ServedCandidate = Candidate & { failedOver: readonly string[] };

export interface UpstreamAnswer<T> {
  value: T;
  served: ServedCandidate;
}

/** One provider call, as metrics and tracing see it (hooks read them from the context). */
export interface UpstreamAttempt {
  /** The provider's name and the model id it was sent. */
  provider: string;
  upstreamModel: string;
  kind: 'complete' | 'stream' | 'embed';
  startedAt: number;
  /** A stream's first chunk arrived (performance.now()). */
  firstChunkAt?: number;
  /** The call (a stream: its last chunk) is over; error set when it failed. */
  endedAt?: number;
  failed?: boolean;
  error?: unknown;
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
/** The abort signal, and the client's own request where its door passes it through (Messages API). */
function callContextOf(ctx: PipelineContext): ProviderCallContext {
  const anthropic = ctx.door.anthropicPassthrough?.(ctx);
  return anthropic ? { signal: ctx.abort.signal, anthropic } : { signal: ctx.abort.signal };
}

@Injectable()
export class UpstreamCaller {
  private readonly logger = new Logger(UpstreamCaller.name);

  constructor(
    @Inject(PROVIDERS) private readonly providers: ReadonlyMap<string, LlmProvider>,
    @Inject(UpstreamHealth) private readonly health: UpstreamHealth,
  ) {}

  complete(ctx: PipelineContext): Promise<UpstreamAnswer<ChatCompletion>> {
    const call = callContextOf(ctx);
    return this.withFallback(ctx, 'complete', (provider, body) => provider.complete(body, call));
  }

  /** Opens a stream and waits for its first chunk, so a dead upstream can still fall back. */
  openStream(ctx: PipelineContext): Promise<UpstreamAnswer<OpenedStream>> {
    const call = callContextOf(ctx);
    return this.withFallback(ctx, 'stream', async (provider, body, attempt) => {
      const rest = provider
        .stream({ ...body, stream: true, stream_options: { include_usage: true } }, call)
        [Symbol.asyncIterator]();
      const head = await rest.next();
      if (head.done) return { first: null, rest };
      attempt.firstChunkAt = performance.now();
      return { first: head.value, rest };
    });
  }

  /** A stream that failed after its first chunk still counts against the model's health. */
  failedMidStream(served: Candidate): void {
    this.health.failed(served.model.alias);
  }

  private async withFallback<T>(
    ctx: PipelineContext,
    kind: UpstreamAttempt['kind'],
    call: (provider: LlmProvider, body: ChatRequestBody, attempt: UpstreamAttempt) => Promise<T>,
  ): Promise<UpstreamAnswer<T>> {
    const plan: ChatPlan = required(ctx.plan, 'plan');
    const request: ValidatedChatRequest = required(ctx.request, 'request');
    const signal = ctx.abort.signal;
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
      const attempt: UpstreamAttempt = { provider: provider.name, upstreamModel: body.model ?? '', kind, startedAt };
      ctx.attempts.push(attempt);
      try {
        // The attempt's client span is active for the call: the provider sends it as the upstream's traceparent.
        const value = await inAttemptSpan(candidate, attempts, () => call(provider, body, attempt));
        const now = performance.now();
        this.health.succeeded(alias, now - startedAt);
        // A stream's attempt ends with its last chunk (relay-stream).
        if (kind === 'complete') attempt.endedAt = now;
        return { value, served: { ...candidate, failedOver } };
      } catch (err) {
        Object.assign(attempt, { endedAt: performance.now(), failed: true, error: err });
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
