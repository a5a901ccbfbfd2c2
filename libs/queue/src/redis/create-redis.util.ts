import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { clusterOptions, isClusterUrl, redisOptions, type RedisRole } from './redis-options.util';
import { rotatingNodeConnection } from './rotating-node-connection.util';

/** A connection to one Redis server or to a Redis Cluster: the commands Switchyard uses behave alike on both. */
export type RedisClient = Redis | Cluster;

/** Options a caller may add for its use, e.g. `enableAutoPipelining` on a hot path. */
export type RedisOverrides = Pick<RedisOptions, 'enableAutoPipelining' | 'socketTimeout'>;

/**
 * The one place that decides how Switchyard connects to Redis: an ioredis client configured for
 * its role (see {@link RedisRole}) for the server or cluster REDIS_URL names, with optional
 * overrides. On a cluster, a `subscriber` is a plain connection to one node (see
 * rotatingNodeConnection): classic PUBLISH reaches every node of a cluster. The caller owns and
 * quits the client.
 */
export function createRedis(url: string, role: 'subscriber', overrides?: RedisOverrides): Redis;
export function createRedis(url: string, role: RedisRole, overrides?: RedisOverrides): RedisClient;
export function createRedis(url: string, role: RedisRole, overrides: RedisOverrides = {}): RedisClient {
  if (!isClusterUrl(url)) return new Redis({ ...redisOptions(url, role), ...overrides });
  const { nodes, options } = clusterOptions(url, role);
  if (role === 'subscriber') return rotatingNodeConnection(nodes, { ...options.redisOptions, ...overrides });
  const { enableAutoPipelining, ...nodeOverrides } = overrides;
  return new Cluster(nodes, {
    ...options,
    enableAutoPipelining,
    redisOptions: { ...options.redisOptions, ...nodeOverrides },
  });
}

/**
 * BullMQ's `connection` for a queue or worker: on one server, the worker role's options (BullMQ
 * then opens and closes its connections itself); on a cluster, a Cluster client, since BullMQ makes
 * only plain connections from options. BullMQ shares that client and never closes it: the caller quits it.
 */
export function queueConnection(url: string): RedisOptions | Cluster {
  return isClusterUrl(url) ? (createRedis(url, 'worker') as Cluster) : redisOptions(url, 'worker');
}
