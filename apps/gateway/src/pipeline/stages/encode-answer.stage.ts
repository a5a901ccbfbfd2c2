import { Injectable } from '@nestjs/common';
import { sendJson } from '../../http/json-response';
import { type PipelineContext, required } from '../pipeline-context';
import type { PipelineStage } from '../pipeline-stage';
import { setRouteHeaders } from '../route-headers';

/**
 * The answer in the door's shape: a whole one in one write, with the route headers and the
 * gateway's overhead (upstream time excluded); or a relayed stream's end (its usage event and end
 * marker, or its error event). A client that went away is sent nothing more.
 */
@Injectable()
export class EncodeAnswerStage implements PipelineStage {
  readonly name = 'encode-answer';

  run(ctx: PipelineContext): void {
    const { res, door, stream, timings } = ctx;
    if (stream) {
      if (stream.clientGone) return;
      res.write(stream.failed ? door.stream.error(ctx, stream.failure) : door.stream.end(ctx));
      stream.out.end();
      return;
    }
    const body = door.answer.encode(ctx);
    const upstreamMs =
      required(timings.upstreamEndedAt, 'upstreamEndedAt') - required(timings.upstreamStartedAt, 'upstreamStartedAt');
    timings.overheadMs = performance.now() - ctx.http.startedAt - upstreamMs;
    setRouteHeaders(res, required(ctx.served, 'served'), timings.overheadMs);
    sendJson(res, 200, body);
  }
}
