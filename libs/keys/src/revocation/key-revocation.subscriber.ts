import type { Redis } from 'ioredis';
import { RedisSubscription, type RedisSubscriptionOptions } from '@switchyard/queue';
import { keyRevocationChannel, parseRevocationMessage } from './key-revocation.constants';

export interface KeyRevocationHandlers {
  /** Forget these cached keys. */
  onRevoked(keyHashes: string[]): void;
  /**
   * The subscription went live after its connection was down (a reconnect, or Redis down at boot):
   * messages may have been missed meanwhile, so forget every cached key.
   */
  onResubscribed(): void;
}

/**
 * Listens for key invalidations on a dedicated connection (createRedis(url, 'subscriber')), through
 * a RedisSubscription: subscribed whenever Redis is up, however late, and a silently dead
 * connection is found and replaced.
 */
export class KeyRevocationSubscriber {
  private readonly subscription: RedisSubscription;

  constructor(
    redis: Redis,
    redisPrefix: string,
    private readonly handlers: KeyRevocationHandlers,
    options: RedisSubscriptionOptions = {},
  ) {
    this.subscription = new RedisSubscription(redis, keyRevocationChannel(redisPrefix), options);
  }

  /** Whether revocations reach this process right now. */
  get listening(): boolean {
    return this.subscription.listening;
  }

  /** Resolves once subscribed (whenever Redis comes up); never rejects. */
  start(): Promise<void> {
    return this.subscription.start({
      onMessage: (message) => this.handlers.onRevoked(parseRevocationMessage(message)),
      onResubscribed: () => this.handlers.onResubscribed(),
    });
  }

  stop(): Promise<void> {
    return this.subscription.stop();
  }
}
