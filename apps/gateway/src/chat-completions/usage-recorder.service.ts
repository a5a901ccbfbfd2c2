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
import type { RequestHolds } from '@switchyard/holds';
import { costMicro } from '@switchyard/pricing';
import type { AuthenticatedKey } from '@switchyard/keys';
import { currentTraceparent, isTracing } from '@switchyard/tracing';
import { type JournalEntry, UsageEventProducer, UsageJournal, UsageSpool } from '@switchyard/queue';
import { GATEWAY_ENV, type GatewayEnv } from '../config/gateway-env';
import { REQUEST_HOLDS } from '../infra/infra.tokens';
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
 *
 * The event is written to the local journal before the answer leaves and delivered to the queue
 * in the background, so no Redis round trip sits between the upstream's answer and the client's;
 * the events of one USAGE_DELIVERY_WINDOW_MS are delivered together, in one Redis write.
 * An event the queue cannot take goes to the local spool (fsync'ed), which is replayed into the
 * queue at boot and periodically; journal segments a crashed process left are delivered at boot.
 * So a served request is never lost, and without a journal line it is delivered (or spooled)
 * before the answer, as it would be with no journal at all.
 */
@Injectable()
export class UsageRecorder implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(UsageRecorder.name);
  /** Background deliveries of journaled events; shutdown waits for them. */
  private readonly deliveries = new Set<Promise<void>>();
  /** Journaled events waiting for the next delivery round (USAGE_DELIVERY_WINDOW_MS). */
  private waiting: Array<[UsageEvent, JournalEntry]> = [];
  private deliveryTimer: NodeJS.Timeout | undefined;
  private recoveryTimer: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(
    @Inject(REQUEST_HOLDS) private readonly holds: RequestHolds,
    @Inject(UsageEventProducer) private readonly producer: UsageEventProducer,
    @Inject(UsageSpool) private readonly spool: UsageSpool,
    @Inject(UsageJournal) private readonly journal: UsageJournal,
    @Inject(GATEWAY_ENV) private readonly env: GatewayEnv,
  ) {}

  onApplicationBootstrap(): void {
    this.spool.replayEvery((event) => this.producer.emit(event));
    this.recoverJournal();
  }

  /** Runs before the producer's connection closes (InfraModule shuts down after this). */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    clearTimeout(this.recoveryTimer);
    this.deliverWaiting();
    while (this.deliveries.size > 0) await Promise.allSettled([...this.deliveries]);
    // Every settle has been issued: leased credits nobody carved go back to the team.
    await this.holds.close();
    await this.journal.close();
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
   * Journals the request's usage event and delivers it in the background (see the class comment).
   * Returns the cost in micro-credits.
   */
  async record(served: ServedRequest): Promise<bigint> {
    const { ctx, key, plan, usage } = served;
    const cost = costMicro(usage, served.served.rates);
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
      // Billing links its batch span to this request's trace (only when tracing is on).
      ...(isTracing() && { traceparent: currentTraceparent() }),
    };
    let entry: JournalEntry;
    try {
      entry = await this.journal.write(event);
    } catch (journalError) {
      this.logger.warn({
        requestId: ctx.requestId,
        msg: 'usage journal not writable: delivering the event before the answer',
        err: String(journalError),
      });
      await this.deliver(event).catch((err: unknown) => {
        // Neither the queue nor the disk took it: refuse the request rather than serve it unbilled.
        this.logger.error({
          requestId: ctx.requestId,
          msg: 'usage event neither queued nor spooled',
          event,
          err: String(err),
        });
        throw new ServiceUnavailableError('Billing is temporarily unavailable; the request was not billed.', err);
      });
      return cost;
    }
    this.waiting.push([event, entry]);
    // While shutting down, nothing waits: shutdown waits for the deliveries under way.
    if (this.env.USAGE_DELIVERY_WINDOW_MS === 0 || this.closing) this.deliverWaiting();
    else this.deliveryTimer ??= setTimeout(() => this.deliverWaiting(), this.env.USAGE_DELIVERY_WINDOW_MS);
    return cost;
  }

  /**
   * Starts delivering every waiting event at once: their settles and queue adds leave in one Redis
   * write, and Redis and billing wake once for the round instead of once per request.
   */
  private deliverWaiting(): void {
    clearTimeout(this.deliveryTimer);
    this.deliveryTimer = undefined;
    const round = this.waiting;
    this.waiting = [];
    for (const [event, entry] of round) this.track(this.deliverJournaled(event, entry));
  }

  /**
   * Settles the event's hold at its cost and puts the event on the queue, else in the spool;
   * rejects only if neither took the event. Settle and emit are issued together, so they leave in
   * one Redis write; their order does not matter, as a settle that lands after billing applied the
   * debit finds the request's tombstone and does nothing (CreditHolds).
   */
  private async deliver(event: UsageEvent): Promise<void> {
    const settled = this.holds.settle(event.teamId, event.requestId, BigInt(event.costMicro)).catch((err: unknown) => {
      // The request was served and must be billed all the same. Its hold keeps the estimate
      // (never less than the cost) until billing applies the debit or the hold expires.
      this.logger.warn({ requestId: event.requestId, msg: 'hold settle failed', err: String(err) });
    });
    try {
      await Promise.all([this.producer.emit(event), settled]);
    } catch (emitError) {
      await this.spool.append(event);
      this.logger.warn({
        requestId: event.requestId,
        msg: 'usage event spooled: the queue did not accept it',
        err: String(emitError),
      });
    }
  }

  /**
   * Delivers a journaled event, retrying while neither the queue nor the spool takes it. Its
   * journal line keeps it meanwhile; at shutdown the line is left for the next boot to deliver.
   */
  private async deliverJournaled(event: UsageEvent, entry: JournalEntry): Promise<void> {
    for (;;) {
      try {
        await this.deliver(event);
        this.journal.settle(entry);
        return;
      } catch (err) {
        this.logger.error({
          requestId: event.requestId,
          msg: 'usage event neither queued nor spooled; kept in the journal',
          err: String(err),
        });
      }
      if (this.closing) return;
      await new Promise((resolve) => setTimeout(resolve, this.env.USAGE_SPOOL_REPLAY_MS));
    }
  }

  private track(delivery: Promise<void>): void {
    this.deliveries.add(delivery);
    void delivery.finally(() => this.deliveries.delete(delivery));
  }

  /** Delivers what a crashed process left in the journal: at boot, then until nothing is left. */
  private recoverJournal(): void {
    this.journal
      .recover((event) => this.deliver(event))
      .then(
        (result) => {
          // A warning: only a process that died with undelivered events leaves any.
          if (result.recovered > 0 || result.skipped > 0)
            this.logger.warn({ msg: 'usage journal recovered', ...result });
          return result.filesLeft > 0;
        },
        (err: unknown) => {
          this.logger.error({ msg: 'usage journal recovery failed', err: String(err) });
          return true;
        },
      )
      .then((again) => {
        if (again && !this.closing)
          this.recoveryTimer = setTimeout(() => this.recoverJournal(), this.env.USAGE_SPOOL_REPLAY_MS);
      });
  }
}
