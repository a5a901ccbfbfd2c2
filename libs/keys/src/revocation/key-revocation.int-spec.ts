import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Redis } from 'ioredis';
import { createRedis, type RedisClient } from '@switchyard/queue';
import { type PausableServer, startPrivateRedis, testRedisPrefix } from '@switchyard/testing';
import { KeyRevocationPublisher } from './key-revocation.publisher';
import { KeyRevocationSubscriber } from './key-revocation.subscriber';

// Real: Redis pub/sub, the shared one (REDIS_URL) on a channel unique to this run, and a private
// redis-server the fault specs start late or freeze. Nothing faked.
const PING_EVERY_MS = 100;
const SOCKET_TIMEOUT_MS = 300;

/** A subscriber connection as the gateway makes it, its ping and socket timeout shortened for the fault specs. */
function subscriberConnection(url: string, short = false): Redis {
  const connection = createRedis(url, 'subscriber', short ? { socketTimeout: SOCKET_TIMEOUT_MS } : {});
  connection.on('error', () => undefined); // ioredis retries; the spec watches `listening`
  return connection;
}

async function waitUntil(check: () => boolean, timeoutMs: number, what: string): Promise<number> {
  const startedAt = performance.now();
  while (!check()) {
    if (performance.now() - startedAt > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await sleep(10);
  }
  return performance.now() - startedAt;
}

describe(KeyRevocationSubscriber.name, () => {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = testRedisPrefix('key-revocation');
  const hash = () => randomBytes(32).toString('hex');

  /** A subscriber on `url` recording what it hears, with its ping shortened. */
  function listen(connectionUrl: string) {
    const heard = { revoked: [] as string[], resubscribed: 0 };
    const subscriber = new KeyRevocationSubscriber(
      subscriberConnection(connectionUrl, true),
      prefix,
      { onRevoked: (h) => heard.revoked.push(...h), onResubscribed: () => heard.resubscribed++ },
      { pingEveryMs: PING_EVERY_MS },
    );
    return { subscriber, heard };
  }

  it('delivers published key hashes to every subscriber, in batches for large lists', async () => {
    const received: string[][] = [[], []];
    const subscribers = received.map(
      (bucket) =>
        new KeyRevocationSubscriber(subscriberConnection(url), prefix, {
          onRevoked: (h) => bucket.push(...h),
          onResubscribed: () => undefined,
        }),
    );
    await Promise.all(subscribers.map((s) => s.start()));
    const publisherRedis = createRedis(url, 'client');
    const hashes = Array.from({ length: 1_200 }, hash);

    await expect(new KeyRevocationPublisher(publisherRedis, prefix).publish(hashes)).resolves.toBe(true);
    const deadline = Date.now() + 5_000;
    while (received.some((b) => b.length < hashes.length) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));

    expect(received).toEqual([hashes, hashes]);
    await Promise.all(subscribers.map((s) => s.stop()));
    publisherRedis.disconnect();
  });

  it('reports a failed publish instead of throwing: the change it announces is already committed', async () => {
    const errors: unknown[] = [];
    const broken = { publish: () => Promise.reject(new Error('redis down')) };
    await expect(
      new KeyRevocationPublisher(broken, prefix, (e) => errors.push(e)).publish(['a'.repeat(64)]),
    ).resolves.toBe(false);
    expect(errors).toEqual([new Error('redis down')]);
  });

  describe('on a Redis of its own', () => {
    let redis: PausableServer;
    let publisher: RedisClient;
    const stopping: KeyRevocationSubscriber[] = [];

    beforeEach(async () => {
      redis = await startPrivateRedis();
      publisher = createRedis(redis.url, 'client');
    });
    afterEach(async () => {
      await Promise.all(stopping.splice(0).map((s) => s.stop()));
      publisher.disconnect();
      await redis.destroy(); // resumes it first, if frozen
    });

    it('subscribes once a Redis that was down when it started comes up, and drops the cache then', async () => {
      await redis.stop();
      const { subscriber, heard } = listen(redis.url);
      stopping.push(subscriber);
      let started = false;
      const starting = subscriber.start().then(() => (started = true));
      await sleep(500); // a few refused connections
      expect(started).toBe(false);

      await redis.start();
      await starting;
      // Keys cached while it was not listening may have been revoked meanwhile.
      expect(heard.resubscribed).toBe(1);
      const revoked = hash();
      await new KeyRevocationPublisher(publisher, prefix).publish([revoked]);
      await waitUntil(() => heard.revoked.length === 1, 5_000, 'the revocation');
      expect(heard.revoked).toEqual([revoked]);
      expect(subscriber.listening).toBe(true);
    });

    it('notices a connection that went silent, and listens again once Redis answers', async () => {
      const { subscriber, heard } = listen(redis.url);
      stopping.push(subscriber);
      await subscriber.start();

      redis.pause(); // SIGSTOP: the socket stays open, nothing answers, no FIN
      const noticedAfterMs = await waitUntil(() => !subscriber.listening, 3_000, 'the subscriber to notice');
      // Within a ping interval plus the socket timeout (and some scheduling slack).
      expect(noticedAfterMs).toBeLessThan(PING_EVERY_MS + SOCKET_TIMEOUT_MS + 500);
      redis.resume();
      // Revocations may have been published meanwhile (by billing, on a connection that worked).
      await waitUntil(() => heard.resubscribed === 1, 10_000, 'the cache to be dropped');
      expect(subscriber.listening).toBe(true);

      const revoked = hash();
      await new KeyRevocationPublisher(publisher, prefix).publish([revoked]);
      await waitUntil(() => heard.revoked.length === 1, 5_000, 'the revocation');
      expect(heard.revoked).toEqual([revoked]);
    });
  });
});
