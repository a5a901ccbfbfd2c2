import type { RedisOptions } from 'ioredis';

/**
 * What a connection is for decides how it behaves while Redis is away:
 * - `producer`: the gateway's hot path. Commands fail at once instead of queueing in memory, so
 *   a request is refused (or its event spooled) rather than left waiting on a dead Redis.
 * - `worker`: BullMQ workers block on Redis and must never give up on a command
 *   (`maxRetriesPerRequest: null` is what BullMQ requires).
 * - `subscriber`: a pub/sub connection (see RedisSubscription). TCP keep-alive on, and a socket
 *   that leaves a command (the subscription's PING) unanswered for 5 s is given up and reconnected:
 *   a connection that died without a FIN would otherwise look subscribed forever.
 * - `client`: everything else (caches, holds): a command may wait briefly for a reconnect, then fails.
 */
export type RedisRole = 'producer' | 'worker' | 'subscriber' | 'client';

const ROLE_OPTIONS: Record<RedisRole, RedisOptions> = {
  producer: { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2000 },
  worker: { maxRetriesPerRequest: null, enableReadyCheck: true },
  subscriber: { maxRetriesPerRequest: 2, connectTimeout: 5000, keepAlive: 10_000, socketTimeout: 5000 },
  client: { maxRetriesPerRequest: 2, connectTimeout: 5000 },
};

/** Reconnect quickly at first, then at most every 2 s: Redis outages are short or long, rarely in between. */
function retryStrategy(attempt: number): number {
  return Math.min(attempt * 100, 2000);
}

/**
 * ioredis options for `redis://[user:password@]host[:port][/db]` (or `rediss://` for TLS) and a
 * role. A plain options object (not an instance) is what BullMQ wants when it should own and
 * close its connections.
 */
export function redisOptions(url: string, role: RedisRole): RedisOptions {
  const parsed = new URL(url);
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new RangeError(`Not a Redis URL: ${parsed.protocol}//…`);
  }
  const db = parsed.pathname.replace(/^\//, '');
  return {
    host: parsed.hostname || '127.0.0.1',
    port: parsed.port ? Number(parsed.port) : 6379,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    db: db ? Number(db) : 0,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
    connectionName: `switchyard-${role}`,
    retryStrategy,
    ...ROLE_OPTIONS[role],
  };
}
