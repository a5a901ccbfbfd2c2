import { once } from 'node:events';
import type { Redis } from 'ioredis';
import { keyRevocationChannel, parseRevocationMessage } from './key-revocation.constants';

export interface KeyRevocationHandlers {
  /** Forget these cached keys. */
  onRevoked(keyHashes: string[]): void;
  /**
   * The subscription was re-established after a disconnect: messages may have been missed
   * meanwhile, so forget every cached key.
   */
  onResubscribed(): void;
}

/**
 * Listens for key invalidations. Owns a dedicated connection (a subscribed Redis connection
 * can do nothing else); ioredis resubscribes by itself after a reconnect.
 */
export class KeyRevocationSubscriber {
  private readonly channel: string;
  private subscribedOnce = false;

  constructor(
    private readonly redis: Redis,
    redisPrefix: string,
    private readonly handlers: KeyRevocationHandlers,
  ) {
    this.channel = keyRevocationChannel(redisPrefix);
  }

  async start(): Promise<void> {
    this.redis.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.handlers.onRevoked(parseRevocationMessage(message));
    });
    // Subscribe only once the connection is ready: a SUBSCRIBE queued before ioredis's ready check
    // (an INFO) turns the connection into subscriber mode under it, the check fails, and the
    // connection flaps between reconnects, sometimes never receiving a message.
    if (this.redis.status !== 'ready') await once(this.redis, 'ready');
    this.redis.on('ready', () => {
      // 'ready' after the first subscription means a reconnect (ioredis then resubscribes).
      if (this.subscribedOnce) this.handlers.onResubscribed();
    });
    await this.redis.subscribe(this.channel);
    this.subscribedOnce = true;
  }

  async stop(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
