import type { Redis } from 'ioredis';
import { creditChangeChannel, parseCreditChange } from './credit-change.constants';

export interface CreditChangeHandlers {
  /** The team's credits shrank (or it was disabled): stop spending what this process holds for it. */
  onChanged(teamId: string): void;
  /** The subscription is live again after a disconnect: changes may have been missed meanwhile. */
  onResubscribed(): void;
}

/** Whether credit changes reach this process right now. */
export interface CreditChangeFeed {
  readonly listening: boolean;
}

/**
 * A gateway's ear for CreditChangePublisher, on a dedicated connection (a subscribed connection
 * can do nothing else). `listening` is true only while the subscription is confirmed on the live
 * connection: after a reconnect it turns true again once SUBSCRIBE is acknowledged, and
 * onResubscribed runs then, so no change published while it was false can go unnoticed.
 */
export class CreditChangeSubscriber implements CreditChangeFeed {
  private readonly channel: string;
  private subscribed = false;
  private stopped = false;

  constructor(
    private readonly redis: Redis,
    redisPrefix: string,
  ) {
    this.channel = creditChangeChannel(redisPrefix);
  }

  get listening(): boolean {
    return this.subscribed && this.redis.status === 'ready';
  }

  /** Subscribes whenever the connection is ready (at first and after every reconnect); resolves once listening. */
  async start(handlers: CreditChangeHandlers): Promise<void> {
    this.redis.on('message', (channel: string, message: string) => {
      const teamId = channel === this.channel ? parseCreditChange(message) : null;
      if (teamId) handlers.onChanged(teamId);
    });
    this.redis.on('close', () => (this.subscribed = false));
    let heardBefore = false;
    await new Promise<void>((listening) => {
      // Subscribe only once ready: a SUBSCRIBE queued before ioredis's ready check breaks the connection.
      const onReady = () => {
        this.subscribed = false;
        this.subscribe().then(
          () => {
            if (heardBefore && this.listening) handlers.onResubscribed();
            heardBefore = true;
            listening();
          },
          () => undefined, // the next reconnect subscribes again
        );
      };
      this.redis.on('ready', onReady);
      if (this.redis.status === 'ready') onReady();
    });
  }

  private async subscribe(): Promise<void> {
    await this.redis.subscribe(this.channel);
    this.subscribed = !this.stopped;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.subscribed = false;
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
