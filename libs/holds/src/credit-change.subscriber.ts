import type { Redis } from 'ioredis';
import { RedisSubscription, type RedisSubscriptionOptions } from '@switchyard/queue';
import { creditChangeChannel, parseCreditChange } from './credit-change.constants';

export interface CreditChangeHandlers {
  /** The team's credits shrank (or it was disabled): stop spending what this process holds for it. */
  onChanged(teamId: string): void;
  /** The subscription is live again after its connection was down: changes may have been missed meanwhile. */
  onResubscribed(): void;
}

/** Whether credit changes reach this process right now. */
export interface CreditChangeFeed {
  readonly listening: boolean;
}

/**
 * A gateway's ear for CreditChangePublisher, on a dedicated connection (createRedis(url,
 * 'subscriber')) through a RedisSubscription. `listening` is true only while the subscription is
 * confirmed on a live connection: it turns false when the connection drops or stops answering its
 * PINGs, true again once SUBSCRIBE is acknowledged after the reconnect, and onResubscribed runs
 * then, so no change published while it was false can go unnoticed.
 */
export class CreditChangeSubscriber implements CreditChangeFeed {
  private readonly subscription: RedisSubscription;

  constructor(redis: Redis, redisPrefix: string, options: RedisSubscriptionOptions = {}) {
    this.subscription = new RedisSubscription(redis, creditChangeChannel(redisPrefix), options);
  }

  get listening(): boolean {
    return this.subscription.listening;
  }

  /** Subscribes whenever the connection is ready (at first and after every reconnect); resolves once listening. */
  start(handlers: CreditChangeHandlers): Promise<void> {
    return this.subscription.start({
      onMessage: (message) => {
        const teamId = parseCreditChange(message);
        if (teamId) handlers.onChanged(teamId);
      },
      onResubscribed: () => handlers.onResubscribed(),
    });
  }

  stop(): Promise<void> {
    return this.subscription.stop();
  }
}
