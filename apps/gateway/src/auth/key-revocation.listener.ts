import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ApiKeyAuthenticator, KeyRevocationSubscriber } from '@switchyard/keys';
import { createRedis } from '@switchyard/queue';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config/gateway-config';

/** How long boot waits for the subscription before serving without it (the REDIS provider's wait). */
const BOOT_WAIT_MS = 5_000;

/**
 * Keeps the in-process key cache honest: billing broadcasts every revoked, rotated or changed key
 * (and every key of a disabled team) over Redis pub/sub, and this drops them here at once. After a
 * lost connection (or once Redis is up after a boot without it) the whole cache is dropped, as
 * broadcasts may have been missed meanwhile.
 */
@Injectable()
export class KeyRevocationListener implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(KeyRevocationListener.name);
  private readonly subscriber: KeyRevocationSubscriber;

  constructor(
    @Inject(ApiKeyAuthenticator) authenticator: ApiKeyAuthenticator,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
  ) {
    const redis = createRedis(config.redis.url, 'subscriber');
    // Errors are retried by ioredis; without a listener they would be thrown as unhandled events.
    redis.on('error', () => undefined);
    this.subscriber = new KeyRevocationSubscriber(redis, config.redis.prefix, {
      onRevoked: (hashes) => hashes.forEach((hash) => authenticator.invalidate(hash)),
      onResubscribed: () => {
        this.logger.warn('Key revocation channel reconnected: dropping the key cache.');
        authenticator.clear();
      },
    });
  }

  async onModuleInit(): Promise<void> {
    // Boot waits (briefly) so the first requests' keys are cached under a live subscription; if
    // Redis is down, boot goes on and the subscription starts whenever Redis is up.
    await Promise.race([this.subscriber.start(), sleep(BOOT_WAIT_MS, undefined, { ref: false })]);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber.stop();
  }
}
