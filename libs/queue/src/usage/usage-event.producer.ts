import {
  ServiceUnavailableError,
  USAGE_EVENT_JOB,
  USAGE_EVENT_JOB_OPTIONS,
  USAGE_EVENTS_QUEUE,
  type UsageEvent,
} from '@switchyard/contracts';
import { Queue } from 'bullmq';
import type { RedisClient } from '../redis/create-redis.util';

export interface UsageEventProducerOptions {
  /** BullMQ key prefix (queuePrefix(url, REDIS_PREFIX)): two stacks sharing one Redis must use different prefixes. */
  prefix: string;
  /** How long `emit` may wait for Redis before giving up. Default 2000 ms. */
  timeoutMs?: number;
  /** Connection errors reported by BullMQ between calls (e.g. for logging). */
  onError?: (err: Error) => void;
}

/**
 * Puts usage events on the `usage-events` queue with the request id as job id. Give it a
 * `producer` connection (createRedis(url, 'producer')): `emit` then fails within `timeoutMs`
 * when Redis cannot take the event, and the caller decides between spooling and refusing.
 * The connection stays the caller's to close.
 */
export class UsageEventProducer {
  private readonly queue: Queue;
  private readonly timeoutMs: number;

  constructor(
    private readonly redis: RedisClient,
    options: UsageEventProducerOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 2000;
    this.queue = new Queue(USAGE_EVENTS_QUEUE, { connection: redis, prefix: options.prefix });
    // Without a listener an 'error' event would throw; failures still reach `emit` callers.
    this.queue.on('error', options.onError ?? (() => undefined));
  }

  async emit(event: UsageEvent): Promise<void> {
    if (this.redis.status === 'end') throw new ServiceUnavailableError('The usage queue connection is closed.');
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ServiceUnavailableError(`The usage queue did not answer within ${this.timeoutMs} ms.`)),
        this.timeoutMs,
      );
    });
    try {
      await Promise.race([
        this.queue.add(USAGE_EVENT_JOB, event, { ...USAGE_EVENT_JOB_OPTIONS, jobId: event.requestId }),
        timeout,
      ]);
    } catch (err) {
      if (err instanceof ServiceUnavailableError) throw err;
      throw new ServiceUnavailableError('The usage queue did not accept the event.', err);
    } finally {
      clearTimeout(timer);
    }
  }

  async close(): Promise<void> {
    await this.queue.close();
  }
}
