import type { Redis } from 'ioredis';

export interface SubscriptionHandlers {
  onMessage(message: string): void;
  /**
   * The subscription is live after its connection was down since start() (a reconnect, or a Redis
   * that was not up at start): messages may have been missed meanwhile.
   */
  onResubscribed(): void;
}

export interface RedisSubscriptionOptions {
  /** How often a live subscription sends PING down its connection, so a silently dead socket is found. */
  pingEveryMs?: number;
}

/** With the 'subscriber' role's 5 s socket timeout, a dead socket is given up within 10 s. */
export const SUBSCRIPTION_PING_EVERY_MS = 5_000;

/**
 * One pub/sub channel on a dedicated connection (a subscribed connection can do nothing else),
 * made with createRedis(url, 'subscriber'). It subscribes whenever the connection becomes ready,
 * at first and after every reconnect, however long Redis takes to come up; `listening` is true
 * only while SUBSCRIBE is acknowledged on the live connection. A socket that died without a FIN
 * (a frozen server, a dropped route) would look live forever: the subscription pings it, and the
 * connection's socketTimeout gives up a socket that leaves a PING unanswered, so ioredis reconnects.
 */
export class RedisSubscription {
  private subscribed = false;
  private stopped = false;
  /** The connection closed since start() or since the subscription was last live. */
  private missed = false;
  private pinging = false;
  private pinger: NodeJS.Timeout | undefined;
  private readonly pingEveryMs: number;

  constructor(
    private readonly redis: Redis,
    private readonly channel: string,
    options: RedisSubscriptionOptions = {},
  ) {
    if (!redis.options.socketTimeout) {
      throw new Error("A subscription needs a connection with a socketTimeout: createRedis(url, 'subscriber')");
    }
    this.pingEveryMs = options.pingEveryMs ?? SUBSCRIPTION_PING_EVERY_MS;
  }

  get listening(): boolean {
    return this.subscribed && this.redis.status === 'ready';
  }

  /** Starts subscribing (now, or whenever Redis is up); resolves once listening, never rejects. */
  start(handlers: SubscriptionHandlers): Promise<void> {
    this.redis.on('message', (channel: string, message: string) => {
      if (channel === this.channel) handlers.onMessage(message);
    });
    this.redis.on('close', () => {
      this.subscribed = false;
      this.pinging = false;
      this.missed = true;
    });
    this.pinger = setInterval(() => this.ping(), this.pingEveryMs).unref();
    return new Promise<void>((listening) => {
      // Subscribe only once ready: a SUBSCRIBE queued before ioredis's ready check (an INFO) turns
      // the connection into subscriber mode under it, the check fails and the connection flaps.
      const onReady = () => {
        this.subscribed = false;
        this.redis.subscribe(this.channel).then(
          () => {
            if (this.stopped || this.redis.status !== 'ready') return;
            this.subscribed = true;
            if (this.missed) {
              this.missed = false;
              handlers.onResubscribed();
            }
            listening();
          },
          () => undefined, // the connection dropped again: its next 'ready' subscribes
        );
      };
      this.redis.on('ready', onReady);
      if (this.redis.status === 'ready') onReady();
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.subscribed = false;
    clearInterval(this.pinger);
    await this.redis.quit().catch(() => this.redis.disconnect());
  }

  private ping(): void {
    if (!this.listening || this.pinging) return;
    this.pinging = true;
    this.redis
      .ping()
      .catch(() => undefined) // the socket timed out: 'close' follows, then a reconnect
      .finally(() => (this.pinging = false));
  }
}
