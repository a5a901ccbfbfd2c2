import { Inject, Injectable, Logger } from '@nestjs/common';
import { traceparentOf } from '@switchyard/tracing';
import { UsageDelivery } from '../../usage/usage-delivery.service';
import { buildUsageEvent } from '../../usage/usage-event.builder';
import { type PipelineContext, required } from '../pipeline-context';
import type { PipelineStage } from '../pipeline-stage';

/**
 * The served request's usage event, handed to UsageDelivery (journaled before the answer). If
 * billing cannot take it before an answer started, the request fails (503, never served
 * unbilled); once a stream is under way, that can only be logged.
 */
@Injectable()
export class RecordUsageStage implements PipelineStage {
  readonly name = 'record-usage';
  private readonly logger = new Logger(RecordUsageStage.name);

  constructor(@Inject(UsageDelivery) private readonly delivery: UsageDelivery) {}

  appliesTo(ctx: PipelineContext): boolean {
    return ctx.usage !== undefined;
  }

  async run(ctx: PipelineContext): Promise<void> {
    const event = buildUsageEvent({
      http: ctx.http,
      key: ctx.key,
      plan: required(ctx.plan, 'plan'),
      served: required(ctx.served, 'served'),
      usage: required(ctx.usage, 'usage'),
      status: required(ctx.status, 'status'),
      // The tracing hook opened the usage span before this stage: billing's batch span links to it.
      ...(ctx.trace && { traceparent: traceparentOf(ctx.trace.stages.get('record-usage') ?? ctx.trace.span) }),
    });
    try {
      await this.delivery.submit(event);
    } catch (err) {
      if (!ctx.res.headersSent) throw err;
      ctx.costMicro = null;
      this.logger.error({
        requestId: ctx.http.requestId,
        msg: 'streamed request could not be billed',
        err: String(err),
      });
      return;
    }
    ctx.costMicro = BigInt(event.costMicro);
  }
}
