import { Inject, Injectable } from '@nestjs/common';
import { sendJson } from '../../http/json-response';
import { UsageDelivery } from '../../usage/usage-delivery.service';
import { buildEmbeddingUsageEvent } from '../../usage/embedding-usage-event.builder';
import { type PipelineContext, required } from '../pipeline-context';
import type { PipelineStage } from '../pipeline-stage';
import { setRouteHeaders } from '../route-headers';

/** The batch's usage event (kind embedding, cost = the hold), handed to billing before the answer. */
@Injectable()
export class EmbeddingsRecordUsageStage implements PipelineStage {
  readonly name = 'record-usage';
  readonly door = 'embeddings';

  constructor(@Inject(UsageDelivery) private readonly delivery: UsageDelivery) {}

  async run(ctx: PipelineContext): Promise<void> {
    const plan = required(required(ctx.embeddings, 'embeddings').plan, 'embeddings plan');
    const event = buildEmbeddingUsageEvent({ http: ctx.http, key: ctx.key, plan });
    await this.delivery.submit(event);
    ctx.costMicro = BigInt(event.costMicro);
  }
}

/** The answer in one write, with the route headers and the gateway's overhead (upstream time excluded). */
@Injectable()
export class EmbeddingsEncodeAnswerStage implements PipelineStage {
  readonly name = 'encode-answer';
  readonly door = 'embeddings';

  run(ctx: PipelineContext): void {
    const { res, timings } = ctx;
    const body = ctx.door.answer.encode(ctx);
    const upstreamMs =
      required(timings.upstreamEndedAt, 'upstreamEndedAt') - required(timings.upstreamStartedAt, 'upstreamStartedAt');
    timings.overheadMs = performance.now() - ctx.http.startedAt - upstreamMs;
    const { model } = required(required(ctx.embeddings, 'embeddings').plan, 'embeddings plan');
    setRouteHeaders(res, { model, failedOver: [] }, timings.overheadMs);
    sendJson(res, 200, body);
  }
}
