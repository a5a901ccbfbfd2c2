import Redis, { type RedisOptions } from 'ioredis';
import { redisOptions, type RedisRole } from './redis-options.util';

/**
 * An ioredis client configured for its role (see {@link RedisRole}), with optional overrides
 * (e.g. `enableAutoPipelining` for a hot path). The caller owns and quits it.
 */
export function createRedis(url: string, role: RedisRole, overrides: RedisOptions = {}): Redis {
  return new Redis({ ...redisOptions(url, role), ...overrides });
}
