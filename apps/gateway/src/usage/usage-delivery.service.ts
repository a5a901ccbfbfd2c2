import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { ServiceUnavailableError, type UsageEvent } from '@switchyard/contracts';
import { type JournalEntry, UsageEventProducer, UsageJournal, UsageSpool } from '@switchyard/queue';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';
import { HoldService } from '../credits/hold.service';
import { type UsageQueueObserver, USAGE_QUEUE_OBSERVERS, UsageQueue } from './usage-queue';

/**
 * Gets every served request's usage event to billing. The event is written to the local journal
 * before the answer leaves and delivered to the queue in the background, so no Redis round trip
 * sits between the upstream's answer and the client's; the events of one USAGE_DELIVERY_WINDOW_MS
 * are delivered together, in one Redis write. An event the queue cannot take goes to the local
 * spool (fsync'ed), which is replayed into the queue at boot and periodically; journal segments a
 * crashed process left are delivered at boot. So a served request is never lost, and without a
 * journal line it is delivered (or spooled) before the answer, as it would be with no journal.
 */
@Injectable()
export class UsageDelivery implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(UsageDelivery.name);
  private readonly queue: UsageQueue;
  /** Background deliveries of journaled events; shutdown waits for them. */
  private readonly deliveries = new Set<Promise<void>>();
  /** Journaled events waiting for the next delivery round (USAGE_DELIVERY_WINDOW_MS). */
  private waiting: Array<[UsageEvent, JournalEntry]> = [];
  private deliveryTimer: NodeJS.Timeout | undefined;
  private recoveryTimer: NodeJS.Timeout | undefined;
  private closing = false;

  constructor(
    @Inject(HoldService) private readonly holds: HoldService,
    @Inject(UsageEventProducer) producer: UsageEventProducer,
    @Inject(USAGE_QUEUE_OBSERVERS) observers: readonly UsageQueueObserver[],
    @Inject(UsageSpool) private readonly spool: UsageSpool,
    @Inject(UsageJournal) private readonly journal: UsageJournal,
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
  ) {
    this.queue = new UsageQueue(producer, observers);
  }

  onApplicationBootstrap(): void {
    this.spool.replayEvery((event) => this.queue.add(event));
    this.recoverJournal();
  }

  /** Runs before the producer's connection closes (InfraModule shuts down after this). */
  async onModuleDestroy(): Promise<void> {
    this.closing = true;
    clearTimeout(this.recoveryTimer);
    this.deliverWaiting();
    while (this.deliveries.size > 0) await Promise.allSettled([...this.deliveries]);
    await this.holds.close();
    await this.journal.close();
    await this.spool.close();
  }

  /**
   * Journals the event and delivers it in the background (see the class comment); without a
   * journal, delivers it now. Throws 503 only when neither the queue nor the spool took it.
   */
  async submit(event: UsageEvent): Promise<void> {
    let entry: JournalEntry;
    try {
      entry = await this.journal.write(event);
    } catch (journalError) {
      const { requestId } = event;
      const msg = 'usage journal not writable: delivering the event before the answer';
      this.logger.warn({ requestId, msg, err: String(journalError) });
      await this.deliver(event).catch((err: unknown) => {
        // Neither the queue nor the disk took it: refuse the request rather than serve it unbilled.
        this.logger.error({ requestId, msg: 'usage event neither queued nor spooled', event, err: String(err) });
        throw new ServiceUnavailableError('Billing is temporarily unavailable; the request was not billed.', err);
      });
      return;
    }
    this.waiting.push([event, entry]);
    // While shutting down, nothing waits: shutdown waits for the deliveries under way.
    const { deliveryWindowMs } = this.config.usage;
    if (deliveryWindowMs === 0 || this.closing) this.deliverWaiting();
    else this.deliveryTimer ??= setTimeout(() => this.deliverWaiting(), deliveryWindowMs);
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
   * rejects only if neither took the event. Settle and add are issued together, so they leave in
   * one Redis write; their order does not matter, as a settle that lands after billing applied the
   * debit finds the request's tombstone and does nothing (CreditHolds).
   */
  private async deliver(event: UsageEvent): Promise<void> {
    const settled = this.holds.settle(event.teamId, event.requestId, BigInt(event.costMicro));
    try {
      await Promise.all([this.queue.add(event), settled]);
    } catch (queueError) {
      await this.spool.append(event);
      const msg = 'usage event spooled: the queue did not accept it';
      this.logger.warn({ requestId: event.requestId, msg, err: String(queueError) });
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
        const msg = 'usage event neither queued nor spooled; kept in the journal';
        this.logger.error({ requestId: event.requestId, msg, err: String(err) });
      }
      if (this.closing) return;
      await new Promise((resolve) => setTimeout(resolve, this.config.usage.spoolReplayMs));
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
          this.recoveryTimer = setTimeout(() => this.recoverJournal(), this.config.usage.spoolReplayMs);
      });
  }
}
