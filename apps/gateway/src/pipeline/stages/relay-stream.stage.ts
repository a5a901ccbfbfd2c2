import { Inject, Injectable, Logger } from '@nestjs/common';
import type { ChatCompletionChunk, WireUsage } from '@switchyard/contracts';
import { GATEWAY_CONFIG, type GatewayConfig } from '../../config/gateway-config';
import { StallGuard } from '../../http/stall-guard';
import { UpstreamCaller } from '../../upstream/upstream-caller.service';
import { countedUsage, deliveredTextOf, tokenUsageOf } from '../../usage/token-usage';
import { type PipelineContext, required } from '../pipeline-context';
import type { PipelineStage } from '../pipeline-stage';
import { setRouteHeaders } from '../route-headers';

/**
 * Relays an opened upstream stream to the client in its door's events, as fast as the client
 * reads (StallGuard: a client that stops reading for STREAM_STALL_TIMEOUT_MS is cut off, like a
 * disconnect). A failure after the first chunk does not throw: the stream's end says so
 * (encode-answer), and what was delivered is billed, as it is when the client goes away.
 */
@Injectable()
export class RelayStreamStage implements PipelineStage {
  readonly name = 'relay-stream';
  private readonly logger = new Logger(RelayStreamStage.name);

  constructor(
    @Inject(UpstreamCaller) private readonly upstream: UpstreamCaller,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {}

  appliesTo(ctx: PipelineContext): boolean {
    return ctx.opened !== undefined;
  }

  async run(ctx: PipelineContext): Promise<void> {
    const { res, abort, http } = ctx;
    const opened = required(ctx.opened, 'opened');
    const served = required(ctx.served, 'served');
    ctx.timings.overheadMs = required(ctx.timings.upstreamStartedAt, 'upstreamStartedAt') - http.startedAt;
    setRouteHeaders(res, served, ctx.timings.overheadMs);
    res.statusCode = 200;
    res.setHeader('content-type', 'text/event-stream; charset=utf-8');
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('x-accel-buffering', 'no');
    res.flushHeaders();

    const out = new StallGuard(res, this.config.streaming.stallTimeoutMs);
    let upstreamUsage: WireUsage | null = null;
    let delivered = '';
    let failed = false;
    let failure: unknown = null;
    const encoder = required(ctx.door.stream, 'stream encoder');
    try {
      const opening = encoder.start?.(ctx);
      if (opening) await out.write(opening);
      for (let chunk: ChatCompletionChunk | null = opened.first; chunk;) {
        if (chunk.usage) upstreamUsage = chunk.usage;
        for (const choice of chunk.choices) delivered += deliveredTextOf(choice.delta);
        const event = encoder.chunk(ctx, chunk);
        // A write the socket took costs no await (a microtask per event otherwise).
        const draining = event ? out.write(event) : undefined;
        if (draining) await draining;
        if (abort.signal.aborted) break;
        const next = await opened.rest.next();
        chunk = next.done ? null : next.value;
      }
    } catch (err) {
      failed = true;
      failure = err;
    }
    Object.assign(required(ctx.attempts.at(-1), 'attempt'), { endedAt: performance.now(), failed, error: failure });
    const clientGone = abort.signal.aborted;
    const complete = !failed && !clientGone;
    ctx.usage = (complete && tokenUsageOf(upstreamUsage)) || countedUsage(served.promptTokens, delivered);
    ctx.status = complete ? 'completed' : 'partial';
    ctx.stream = { out, failed, failure, clientGone };
    const { requestId } = http;
    if (out.stalled) {
      const { stallTimeoutMs } = this.config.streaming;
      this.logger.warn({ requestId, msg: 'client stopped reading: stream cut', stallTimeoutMs });
    }
    if (clientGone) {
      void opened.rest.return?.();
    } else if (failed) {
      this.upstream.failedMidStream(served);
      const detail = (failure as { detail?: unknown }).detail;
      const msg = 'upstream stream failed mid-way';
      this.logger.warn({ requestId, msg, model: served.model.alias, err: String(failure), detail });
    }
  }
}
