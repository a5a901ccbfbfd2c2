import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { ApiKeyAuthenticator, KeyRevocationSubscriber } from '@switchyard/keys';
import { createRedis } from '@switchyard/queue';
import { GATEWAY_ENV, type GatewayEnv } from '../config/gateway-env';

/**
 * Keeps the in-process key cache honest: billing broadcasts every revoked, rotated or changed key
 * (and every key of a disabled team) over Redis pub/sub, and this drops them here at once. After a
 * lost connection the whole cache is dropped, as broadcasts may have been missed meanwhile.
 */
@Injectable()
export class KeyRevocationListener implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(KeyRevocationListener.name);
  private readonly subscriber: KeyRevocationSubscriber;

  constructor(@Inject(ApiKeyAuthenticator) authenticator: ApiKeyAuthenticator, @Inject(GATEWAY_ENV) env: GatewayEnv) {
    const redis = createRedis(env.REDIS_URL, 'client');
    // Errors are retried by ioredis; without a listener they would be thrown as unhandled events.
    redis.on('error', () => undefined);
    this.subscriber = new KeyRevocationSubscriber(redis, env.REDIS_PREFIX, {
      onRevoked: (hashes) => hashes.forEach((hash) => authenticator.invalidate(hash)),
      onResubscribed: () => {
        this.logger.warn('Key revocation channel reconnected: dropping the key cache.');
        authenticator.clear();
      },
    });
  }

  async onModuleInit(): Promise<void> {
    await this.subscriber.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.subscriber.stop();
  }
}
