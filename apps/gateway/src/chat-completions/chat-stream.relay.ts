import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import type { ChatCompletionChunk, ValidatedChatRequest, WireUsage } from '@switchyard/contracts';
import { toOpenAiError } from '@switchyard/contracts';
import type { AuthenticatedKey } from '@switchyard/keys';
import { GATEWAY_ENV, type GatewayEnv } from '../config/gateway-env';
import type { RequestContext } from '../http/request-context';
import { StallGuard } from '../http/stall-guard';
import type { ChatPlan } from './chat-plan';
import { completionIdOf, countedUsage, deliveredTextOf, setRouteHeaders, wireUsageOf } from './response-shaping';
import { UpstreamCaller } from './upstream-caller.service';
import { tokenUsageOf, UsageRecorder } from './usage-recorder.service';

/**
 * Relays an upstream SSE stream to the client, as fast as the client reads (StallGuard: a client
 * that stops reading for STREAM_STALL_TIMEOUT_MS is cut off, like a disconnect). Errors before the
 * first chunk are thrown (the caller releases the hold and answers normally); after it, the stream
 * ends with an error event and what was delivered is billed, as it is when the client goes away.
 */
@Injectable()
export class ChatStreamRelay {
  private readonly logger = new Logger(ChatStreamRelay.name);

  constructor(
    @Inject(UpstreamCaller) private readonly upstream: UpstreamCaller,
    @Inject(UsageRecorder) private readonly recorder: UsageRecorder,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  async relay(
    ctx: RequestContext,
    key: AuthenticatedKey,
    plan: ChatPlan,
    request: ValidatedChatRequest,
    res: ServerResponse,
    abort: AbortController,
  ): Promise<void> {
    const upstreamStartedAt = performance.now();
    const { value: opened, served } = await this.upstream.openStream(plan, request, abort.signal);
    setRouteHeaders(res, served, upstreamStartedAt - ctx.startedAt);
    res.statusCode = 200;
    res.setHeader('content-type', 'text/event-stream; charset=utf-8');
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('x-accel-buffering', 'no');
    res.flushHeaders();

    const out = new StallGuard(res, this.env.STREAM_STALL_TIMEOUT_MS);
    const id = completionIdOf(ctx);
    let upstreamUsage: WireUsage | null = null;
    let delivered = '';
    let failure: unknown = null;
    try {
      for (let chunk: ChatCompletionChunk | null = opened.first; chunk;) {
        if (chunk.usage) upstreamUsage = chunk.usage;
        if (chunk.choices.length > 0) {
          for (const choice of chunk.choices) delivered += deliveredTextOf(choice.delta);
          const { usage: _usage, ...rest } = chunk;
          await out.write(`data: ${JSON.stringify({ ...rest, id, model: served.model.alias })}\n\n`);
        }
        if (abort.signal.aborted) break;
        const next = await opened.rest.next();
        chunk = next.done ? null : next.value;
      }
    } catch (err) {
      failure = err;
    }
    const clientGone = abort.signal.aborted;
    const complete = !failure && !clientGone;
    const usage = (complete && tokenUsageOf(upstreamUsage)) || countedUsage(served.promptTokens, delivered);
    let costMicro: bigint | null = null;
    try {
      costMicro = await this.recorder.record({
        ctx,
        key,
        plan,
        served,
        usage,
        status: complete ? 'completed' : 'partial',
      });
    } catch (err) {
      this.logger.error({ requestId: ctx.requestId, msg: 'streamed request could not be billed', err: String(err) });
    }
    if (out.stalled) {
      const stallTimeoutMs = this.env.STREAM_STALL_TIMEOUT_MS;
      this.logger.warn({ requestId: ctx.requestId, msg: 'client stopped reading: stream cut', stallTimeoutMs });
    }
    if (clientGone) return void opened.rest.return?.();
    if (failure) {
      this.upstream.failedMidStream(served);
      const detail = (failure as { detail?: unknown }).detail;
      this.logger.warn({
        requestId: ctx.requestId,
        msg: 'upstream stream failed mid-way',
        model: served.model.alias,
        err: String(failure),
        detail,
      });
      res.write(`data: ${JSON.stringify({ error: toOpenAiError(failure, ctx.requestId).body.error })}\n\n`);
    } else {
      if (request.body.stream_options?.include_usage && costMicro !== null) {
        const tail = {
          id,
          object: 'chat.completion.chunk',
          created: Math.floor(Date.now() / 1000),
          model: served.model.alias,
          choices: [],
          usage: wireUsageOf(usage, costMicro),
        };
        res.write(`data: ${JSON.stringify(tail)}\n\n`);
      }
      res.write('data: [DONE]\n\n');
    }
    out.end();
  }
}
