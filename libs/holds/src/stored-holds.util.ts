import type { StoredHold } from './credit-holds.types';
import type { RedisClient } from '@switchyard/queue';

const STATES: Record<string, StoredHold['state']> = { P: 'pending', S: 'settled', L: 'leased' };

/** A team's holds as Redis stores them, its held total, and Redis's clock (the one expiries use). */
export interface StoredHolds {
  holds: StoredHold[];
  heldMicro: bigint;
  nowMs: number;
}

/** Reads a team's holds as stored, expired ones included, from its credit keys (creditKeysOf). */
export async function readStoredHolds(redis: RedisClient, keys: readonly string[]): Promise<StoredHolds> {
  const [, holdsKey, expiriesKey, heldKey] = keys;
  const [values, expiries, held, [seconds, micros]] = await Promise.all([
    redis.hgetall(holdsKey),
    redis.zrange(expiriesKey, 0, -1, 'WITHSCORES'),
    redis.get(heldKey),
    redis.time(),
  ]);
  const expiryOf = new Map<string, number>();
  for (let i = 0; i < expiries.length; i += 2) expiryOf.set(expiries[i], Number(expiries[i + 1]));
  const holds = Object.entries(values).map(([requestId, value]): StoredHold => ({
    requestId,
    state: value === 'A' ? 'applied' : (STATES[value[0]] ?? 'pending'),
    amountMicro: value === 'A' ? 0n : BigInt(value.slice(1)),
    expiresAtMs: expiryOf.get(requestId) ?? null,
  }));
  return { holds, heldMicro: BigInt(held ?? '0'), nowMs: Number(seconds) * 1000 + Math.floor(Number(micros) / 1000) };
}
