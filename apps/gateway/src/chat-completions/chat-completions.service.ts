import { Inject, Injectable } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import { validateChatRequestInSlices, type ValidatedChatRequest } from '@switchyard/contracts';
import type { AuthenticatedKey } from '@switchyard/keys';
import { CATALOG, type LoadedCatalog } from '../config/catalog.loader';
import { sendJson } from '../http/json-response';
import type { RequestContext } from '../http/request-context';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import { type ChatPlan, planChat } from './chat-plan';
import { ChatStreamRelay } from './chat-stream.relay';
import { countedUsage, deliveredTextOf, setRouteHeaders, shapeCompletion, wireUsageOf } from './response-shaping';
import { annotateRequestSpan, inStageSpan } from '../tracing/request-spans';
import { UpstreamCaller } from './upstream-caller.service';
import { tokenUsageOf, UsageRecorder } from './usage-recorder.service';

@Injectable()
export class ChatCompletionsService {
  constructor(
    @Inject(CATALOG) private readonly loaded: LoadedCatalog,
    @Inject(UpstreamCaller) private readonly upstream: UpstreamCaller,
    @Inject(UsageRecorder) private readonly recorder: UsageRecorder,
    @Inject(ChatStreamRelay) private readonly streams: ChatStreamRelay,
    @Inject(RateLimitService) private readonly rateLimits: RateLimitService,
  ) {}

  /** Serves one authenticated chat request whose body is parsed JSON: JSON or SSE answer, usage billed. */
  async handle(body: unknown, ctx: RequestContext, res: ServerResponse, key: AuthenticatedKey): Promise<void> {
    // In slices: a body of thousands of messages or parts costs the DTOs a second, other requests nothing.
    const request = await validateChatRequestInSlices(body);
    // A client that hangs up stops its prompt's count, or aborts the upstream call.
    const abort = new AbortController();
    res.on('close', () => {
      if (!res.writableFinished) abort.abort();
    });
    const plan = await planChat(this.loaded.catalog, key, request, abort.signal);
    if (!plan) return;
    await inStageSpan('admission', () => this.admit(ctx, key, plan, res));

    try {
      if (request.body.stream) await this.streams.relay(ctx, key, plan, request, res, abort);
      else await this.completeOnce(ctx, key, plan, request, res, abort.signal);
    } catch (err) {
      if (!res.headersSent) await this.recorder.release(ctx, key);
      // The client hung up before an answer: nobody is left to answer, and nothing is billed.
      if (abort.signal.aborted && !res.headersSent) return;
      throw err;
    }
  }

  /**
   * Rate limits and the credit hold, in one Redis round trip's time: both run at once. A 429
   * wins over a 402 and gives its hold straight back, so a limited request is never held or billed.
   */
  private async admit(ctx: RequestContext, key: AuthenticatedKey, plan: ChatPlan, res: ServerResponse): Promise<void> {
    const [limit, hold] = await Promise.allSettled([
      this.rateLimits.enforce(key, plan.promptTokens, res),
      this.recorder.hold(ctx, key, plan),
    ]);
    if (limit.status === 'rejected') {
      if (hold.status === 'fulfilled') await this.recorder.release(ctx, key);
      throw limit.reason;
    }
    if (hold.status === 'rejected') throw hold.reason;
  }

  private async completeOnce(
    ctx: RequestContext,
    key: AuthenticatedKey,
    plan: ChatPlan,
    request: ValidatedChatRequest,
    res: ServerResponse,
    signal: AbortSignal,
  ): Promise<void> {
    const upstreamStartedAt = performance.now();
    const { value: completion, served } = await this.upstream.complete(plan, request, signal);
    const upstreamMs = performance.now() - upstreamStartedAt;
    const usage =
      tokenUsageOf(completion.usage) ??
      countedUsage(served.promptTokens, completion.choices.map((c) => deliveredTextOf(c.message)).join(''));
    const costMicro = await inStageSpan('usage', () =>
      this.recorder.record({ ctx, key, plan, served, usage, status: 'completed' }),
    );
    annotateRequestSpan(
      request.model ?? `task_type:${request.task_type}`,
      served.model.alias,
      usage.promptTokens,
      usage.completionTokens,
      costMicro,
    );
    const body = shapeCompletion(ctx, served, completion, wireUsageOf(usage, costMicro));
    setRouteHeaders(res, served, performance.now() - ctx.startedAt - upstreamMs);
    sendJson(res, 200, body);
  }
}
