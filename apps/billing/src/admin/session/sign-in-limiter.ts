import type { RedisClient } from '@switchyard/queue';
import { RateLimitExceededError } from '@switchyard/contracts';

/**
 * Sign-in attempts per client address in a fixed window, counted in Redis so every billing
 * replica shares the count. Every attempt counts, good or bad: a person signs in a few times a
 * day, a token-guessing script thousands of times a minute.
 */
export class SignInLimiter {
  constructor(
    private readonly redis: RedisClient,
    private readonly keyPrefix: string,
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Counts one attempt from `address`, or throws RateLimitExceededError with the window's remaining seconds. */
  async take(address: string): Promise<void> {
    const key = `${this.keyPrefix}console-sign-in:${address}`;
    const replies = await this.redis.multi().set(key, '0', 'PX', this.windowMs, 'NX').incr(key).pttl(key).exec();
    const [count, ttlMs] = [Number(replies?.[1]?.[1]), Number(replies?.[2]?.[1])];
    if (count > this.limit)
      throw new RateLimitExceededError(
        'Too many sign-in attempts: try again later.',
        Math.max(1, Math.ceil(ttlMs / 1000)),
      );
  }
}
