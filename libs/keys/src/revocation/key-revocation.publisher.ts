import { keyRevocationChannel } from './key-revocation.constants';
import type { RedisClient } from '@switchyard/queue';

/** Hashes per message: keeps one message small when a whole team's keys are invalidated. */
const BATCH = 500;

/**
 * Tells every running gateway to forget cached keys (revoked, rotated, changed, or their team
 * disabled). Best effort by design: the change is already committed, and a gateway that misses
 * the message still drops the key when its cache entry expires (KEY_CACHE_TTL_MS).
 */
export class KeyRevocationPublisher {
  private readonly channel: string;

  constructor(
    private readonly redis: Pick<RedisClient, 'publish'>,
    redisPrefix: string,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {
    this.channel = keyRevocationChannel(redisPrefix);
  }

  /** Resolves true when every message was handed to Redis. */
  async publish(keyHashes: readonly string[]): Promise<boolean> {
    try {
      for (let i = 0; i < keyHashes.length; i += BATCH) {
        await this.redis.publish(this.channel, JSON.stringify(keyHashes.slice(i, i + BATCH)));
      }
      return true;
    } catch (err) {
      this.onError(err);
      return false;
    }
  }
}
