import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  ServiceUnavailableError,
  SwitchyardError,
  type TokenUsage,
  type UsageEvent,
  type UsageStatus,
  type WireUsage,
  USAGE_EVENT_SCHEMA_VERSION,
} from '@switchyard/contracts';
import { CreditHolds, costMicro } from '@switchyard/credits';
import type { AuthenticatedKey } from '@switchyard/keys';
import { UsageEventProducer, UsageSpool } from '@switchyard/queue';
import type { RequestContext } from '../http/request-context';
import type { Candidate, ChatPlan } from './chat-plan';

export function tokenUsageOf(usage: WireUsage | null | undefined): TokenUsage | null {
  if (!usage) return null;
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    cachedReadTokens: usage.cache_read_input_tokens ?? usage.prompt_tokens_details?.cached_tokens ?? 0,
    cacheCreationTokens: usage.cache_creation_input_tokens ?? 0,
  };
}

export interface ServedRequest {
  ctx: RequestContext;
  key: AuthenticatedKey;
  plan: ChatPlan;
  served: Candidate;
  usage: TokenUsage;
  status: UsageStatus;
}

/**
 * The money side of a request: a hold before the upstream call, then either a release (failed,
 * never billed) or a settled hold plus a usage event that billing turns into the ledger debit.
 * An event the queue cannot take goes to the local spool (fsync'ed before the answer leaves),
 * which is replayed into the queue at boot and periodically, so a served request is never lost.
 */
@Injectable()
export class UsageRecorder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(UsageRecorder.name);

  constructor(
    @Inject(CreditHolds) private readonly holds: CreditHolds,
    @Inject(UsageEventProducer) private readonly producer: UsageEventProducer,
    @Inject(UsageSpool) private readonly spool: UsageSpool,
  ) {}

  onApplicationBootstrap(): void {
    this.spool.replayEvery((event) => this.producer.emit(event));
  }

  /** Runs before the producer's connection closes (InfraModule shuts down after this). */
  async onModuleDestroy(): Promise<void> {
    await this.spool.close();
  }

  async hold(ctx: RequestContext, key: AuthenticatedKey, plan: ChatPlan): Promise<void> {
    try {
      await this.holds.place(key.teamId, ctx.requestId, plan.holdMicro);
    } catch (err) {
      if (err instanceof SwitchyardError) throw err;
      // Without Redis no hold can be placed, and serving unheld requests could overdraw: fail closed.
      throw new ServiceUnavailableError('Credit checks are temporarily unavailable.', err);
    }
  }

  async release(ctx: RequestContext, key: AuthenticatedKey): Promise<void> {
    await this.holds.release(key.teamId, ctx.requestId).catch((err: unknown) => {
      // The hold expires on its own; a failed release only delays that.
      this.logger.warn({ requestId: ctx.requestId, msg: 'hold release failed', err: String(err) });
    });
  }

  /**
   * Settles the hold at the real cost and emits the event (or spools it). Returns the cost in
   * micro-credits.
   */
  async record(served: ServedRequest): Promise<bigint> {
    const { ctx, key, plan, usage } = served;
    const cost = costMicro(usage, served.served.rates);
    // Settle and emit run at once: a settle that lands after billing applied the debit finds the
    // request's tombstone and does nothing (CreditHolds), so their order does not matter.
    const settled = this.holds.settle(key.teamId, ctx.requestId, cost).catch((err: unknown) => {
      // The request was served and must be billed all the same. Its hold keeps the estimate
      // (never less than the cost) until billing applies the debit or the hold expires.
      this.logger.warn({ requestId: ctx.requestId, msg: 'hold settle failed', err: String(err) });
    });
    const event: UsageEvent = {
      v: USAGE_EVENT_SCHEMA_VERSION,
      requestId: ctx.requestId,
      clientRequestId: ctx.clientRequestId,
      teamId: key.teamId,
      apiKeyId: key.keyId,
      model: served.served.model.alias,
      provider: served.served.model.provider,
      upstreamModel: served.served.model.upstreamModel,
      tier: served.served.model.tier,
      taskType: plan.taskType,
      usage,
      costMicro: cost.toString(),
      latencyMs: Math.round(performance.now() - ctx.startedAt),
      status: served.status,
      occurredAt: new Date().toISOString(),
    };
    try {
      await Promise.all([this.producer.emit(event), settled]);
    } catch (emitError) {
      await this.spool.append(event).catch((err: unknown) => {
        // Neither the queue nor the disk took it: refuse the request rather than serve it unbilled.
        this.logger.error({ requestId: ctx.requestId, msg: 'usage event neither queued nor spooled', event, err: String(err) });
        throw new ServiceUnavailableError('Billing is temporarily unavailable; the request was not billed.', emitError);
      });
      this.logger.warn({ requestId: ctx.requestId, msg: 'usage event spooled: the queue did not accept it', err: String(emitError) });
    }
    return cost;
  }
}
