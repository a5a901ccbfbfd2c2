import { randomUUID } from 'node:crypto';
import { testRedisPrefix } from '@switchyard/testing';
import { Redis } from 'ioredis';
import { CreditHolds } from './credit-holds';
import type { CreditAccountState, CreditHoldsOptions } from './credit-holds.types';

/** One credit, in micro-credits. */
export const A = 1_000_000n;

/**
 * Redis on REDIS_URL (127.0.0.1:6379) under a key prefix of its own: connected before the spec
 * file's tests; its keys deleted and the connection closed after them.
 */
export function useHoldsRedis(name: string): { redis: Redis; keyPrefix: string } {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
  const keyPrefix = testRedisPrefix(name);
  beforeAll(() => redis.connect());
  afterAll(async () => {
    for await (const keys of redis.scanStream({ match: `${keyPrefix}*`, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.unlink(...keys);
    }
    await redis.quit();
  });
  return { redis, keyPrefix };
}

/** CreditHolds over `redis`, its Postgres faked as an in-memory map of accounts behind a counting loader. */
export function holdsOnFakeLedger(
  { redis, keyPrefix }: { redis: Redis; keyPrefix: string },
  options: Partial<CreditHoldsOptions> = {},
) {
  const accounts = new Map<string, CreditAccountState>();
  const loadAccount = jest.fn(async (teamId: string) => accounts.get(teamId) ?? null);
  const holds = new CreditHolds(redis, { keyPrefix, ...options }, loadAccount);
  const teamWith = (balanceMicro: bigint, lastEntryId = 1n) => {
    const teamId = randomUUID();
    accounts.set(teamId, { balanceMicro, lastEntryId });
    return teamId;
  };
  return { holds, accounts, loadAccount, teamWith };
}

/** 'ok' when `promise` resolves, else what it rejected with. */
export async function outcome(promise: Promise<unknown>): Promise<'ok' | unknown> {
  return promise.then(
    () => 'ok',
    (error: unknown) => error,
  );
}
