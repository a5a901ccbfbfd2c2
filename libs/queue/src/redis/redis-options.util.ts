import type { ClusterOptions, RedisOptions } from 'ioredis';
import { parseRedisUrl, type RedisNode, type RedisTarget } from '@switchyard/config';

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

/** What every connection to one node gets: credentials, TLS, a name saying its role, the role's behaviour. */
function nodeOptions(target: RedisTarget, role: RedisRole): RedisOptions {
  return {
    username: target.username,
    password: target.password,
    tls: target.tls ? {} : undefined,
    connectionName: `switchyard-${role}`,
    retryStrategy,
    ...ROLE_OPTIONS[role],
  };
}

/**
 * ioredis options for one server, `redis://[user:password@]host[:port][/db]` (or `rediss://`
 * for TLS), and a role. A plain options object (not an instance) is what BullMQ wants when it
 * should own and close its connections. A cluster URL has no such options: see clusterOptions.
 */
export function redisOptions(url: string, role: RedisRole): RedisOptions {
  const target = parseRedisUrl(url);
  if (target.mode !== 'standalone') throw new RangeError('A Redis Cluster URL takes clusterOptions, not redisOptions');
  return { host: target.node.host, port: target.node.port, db: target.db, ...nodeOptions(target, role) };
}

/**
 * ioredis Cluster options for `redis+cluster://[user:password@]host:port,…` and a role: each
 * node's connection behaves as the role's standalone one, and the cluster-level switches that
 * ioredis does not take from the nodes' options (the offline queue) follow the role too. While a
 * replica is being promoted a command is retried on the slot's new master (MOVED, CLUSTERDOWN)
 * for as long as its role allows.
 */
export function clusterOptions(url: string, role: RedisRole): { nodes: RedisNode[]; options: ClusterOptions } {
  const target = parseRedisUrl(url);
  if (target.mode !== 'cluster') throw new RangeError('A standalone Redis URL takes redisOptions, not clusterOptions');
  const redisOptions = nodeOptions(target, role);
  return {
    nodes: [...target.nodes],
    options: {
      redisOptions,
      enableOfflineQueue: redisOptions.enableOfflineQueue ?? true,
      enableReadyCheck: true,
      clusterRetryStrategy: retryStrategy,
      retryDelayOnFailover: 200,
      retryDelayOnClusterDown: 200,
      // TLS certificates name the host the client dialled, not the address a node announces.
      dnsLookup: target.tls ? (address, done) => done(null, address) : undefined,
    },
  };
}

/** True when REDIS_URL names a Redis Cluster rather than one server. */
export function isClusterUrl(url: string): boolean {
  return parseRedisUrl(url).mode === 'cluster';
}

/**
 * The BullMQ key prefix for a stack's REDIS_PREFIX. On a cluster it is a hash tag (`{sy}`), as
 * BullMQ requires: a job's Lua scripts touch several queue keys, which must share one slot. On one
 * server it stays the plain prefix, so an upgrade does not strand the jobs already queued.
 */
export function queuePrefix(url: string, prefix: string): string {
  return isClusterUrl(url) ? `{${prefix}}` : prefix;
}
