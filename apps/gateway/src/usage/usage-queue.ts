import type { UsageEvent } from '@switchyard/contracts';
import type { UsageEventProducer } from '@switchyard/queue';

/** Told around every queue add, in registration order (metrics/usage-metrics.observer.ts). */
export interface UsageQueueObserver {
  readonly name: string;
  adding?(event: UsageEvent): void;
  added?(event: UsageEvent): void;
  refused?(event: UsageEvent, err: unknown): void;
}

export const USAGE_QUEUE_OBSERVERS = Symbol('USAGE_QUEUE_OBSERVERS');

/** The usage-events queue as the gateway adds to it: the producer, with its observers told. */
export class UsageQueue {
  constructor(
    private readonly producer: UsageEventProducer,
    private readonly observers: readonly UsageQueueObserver[],
  ) {}

  async add(event: UsageEvent): Promise<void> {
    for (const observer of this.observers) observer.adding?.(event);
    try {
      await this.producer.emit(event);
    } catch (err) {
      for (const observer of this.observers) observer.refused?.(event, err);
      throw err;
    }
    for (const observer of this.observers) observer.added?.(event);
  }
}
