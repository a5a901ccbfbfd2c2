import { Inject, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { USAGE_EVENTS_QUEUE, type UsageEvent } from '@switchyard/contracts';
import { UsageOwnerNotFoundError } from '@switchyard/ledger';
import { MalformedUsageEventError, parseUsageEvent } from '@switchyard/queue';
import { type Job, UnrecoverableError } from 'bullmq';
import { BILLING_CONFIG, type BillingConfig } from '../config/billing-config';
import { UsageBatcher } from './usage-batcher';
import { UsageBillingService } from './usage-billing.service';
import { USAGE_WORKER_OPTIONS } from './usage-worker.constants';

/**
 * Consumes `usage-events`. BullMQ hands over one job at a time, so many jobs run at once and
 * each waits for the micro-batch its event joined: the job completes only after that batch
 * committed, and fails (for BullMQ to retry) if it did not. Faults no retry can fix (a malformed
 * event, an unknown team or key) fail that job alone for good, into the kept failed set.
 */
@Processor(USAGE_EVENTS_QUEUE, { autorun: false, ...USAGE_WORKER_OPTIONS })
export class UsageProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(UsageProcessor.name);
  private readonly batcher: UsageBatcher;

  constructor(
    @Inject(UsageBillingService) billing: UsageBillingService,
    @Inject(BILLING_CONFIG) private readonly config: BillingConfig,
  ) {
    super();
    this.batcher = new UsageBatcher((events: UsageEvent[]) => billing.bill(events), {
      maxBatchSize: config.usage.batchSize,
      maxWaitMs: config.usage.batchWaitMs,
      maxInFlight: config.usage.batchesInFlight,
      isPerEventFault: (err) => err instanceof UsageOwnerNotFoundError,
    });
  }

  async process(job: Job<unknown>): Promise<void> {
    let event: UsageEvent;
    try {
      // Checked before batching, so a malformed event never joins (or fails) a batch.
      event = parseUsageEvent(job.data);
    } catch (err) {
      if (err instanceof MalformedUsageEventError) throw new UnrecoverableError(err.message);
      throw err;
    }
    try {
      await this.batcher.submit(event);
    } catch (err) {
      if (err instanceof UsageOwnerNotFoundError) throw new UnrecoverableError(err.message);
      throw err;
    }
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.usage.concurrency;
    this.worker.run().catch((err: unknown) => this.logger.error(`Usage worker stopped: ${String(err)}`));
  }

  /** Drains: running jobs (and so their batches) finish before Postgres and Redis are closed. */
  async onModuleDestroy(): Promise<void> {
    await this.worker.close();
    await this.batcher.whenIdle();
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, err: Error): void {
    this.logger.warn(`Usage job ${job?.id ?? '?'} failed (attempt ${job?.attemptsMade ?? '?'}): ${err.message}`);
  }

  @OnWorkerEvent('error')
  onError(err: Error): void {
    this.logger.error(`Usage worker error: ${err.message}`);
  }
}
