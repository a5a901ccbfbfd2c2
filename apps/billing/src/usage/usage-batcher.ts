import type { UsageEvent } from '@switchyard/contracts';

export interface UsageBatcherOptions {
  /** A batch is flushed as soon as it holds this many events. */
  maxBatchSize: number;
  /** …or this long after its first event arrived. */
  maxWaitMs: number;
  /** Batches being written at once; later ones wait (and grow) meanwhile. */
  maxInFlight: number;
  /**
   * Errors caused by one event rather than by the batch (e.g. an unknown team): the batch is
   * then applied again one event at a time, so only the culprit fails.
   */
  isPerEventFault(err: unknown): boolean;
}

interface Waiter {
  event: UsageEvent;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Collects usage events from concurrently running queue jobs into micro-batches that are
 * applied in one transaction each. Every submit() settles only once its batch committed (or
 * failed), so a job completes only when its debit is durable, and a failed batch fails every
 * job in it for the queue to retry.
 */
export class UsageBatcher {
  private pending: Waiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private inFlight = 0;
  private readonly idle = new Set<() => void>();

  constructor(
    private readonly apply: (events: UsageEvent[]) => Promise<unknown>,
    private readonly options: UsageBatcherOptions,
  ) {}

  submit(event: UsageEvent): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ event, resolve, reject });
      if (this.pending.length >= this.options.maxBatchSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.maxWaitMs);
    });
  }

  /** Resolves once nothing is pending or being written (used on shutdown and in tests). */
  whenIdle(): Promise<void> {
    if (this.pending.length === 0 && this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.add(resolve));
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.pending.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.pending.splice(0, this.options.maxBatchSize);
      this.inFlight++;
      void this.write(batch).finally(() => {
        this.inFlight--;
        // Whatever arrived meanwhile has waited a whole batch already: write it now.
        if (this.pending.length > 0) this.flush();
        else if (this.inFlight === 0) this.notifyIdle();
      });
    }
  }

  private notifyIdle(): void {
    const waiting = [...this.idle];
    this.idle.clear();
    for (const done of waiting) done();
  }

  private async write(batch: Waiter[]): Promise<void> {
    try {
      await this.apply(batch.map((w) => w.event));
      for (const waiter of batch) waiter.resolve();
    } catch (err) {
      if (batch.length > 1 && this.options.isPerEventFault(err)) return this.writeOneByOne(batch);
      for (const waiter of batch) waiter.reject(err);
    }
  }

  private async writeOneByOne(batch: Waiter[]): Promise<void> {
    for (const waiter of batch) {
      try {
        await this.apply([waiter.event]);
        waiter.resolve();
      } catch (err) {
        waiter.reject(err);
      }
    }
  }
}
