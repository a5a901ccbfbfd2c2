import { InsufficientCreditsError } from '@switchyard/contracts';
import { createRedis } from '@switchyard/queue';
import { startPrivateRedis, testRedisPrefix } from '@switchyard/testing';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreditChangePublisher } from './credit-change.publisher';
import { type CreditChangeFeed, CreditChangeSubscriber } from './credit-change.subscriber';
import { CreditHolds } from './credit-holds';
import type { CreditAccountState } from './credit-holds.types';
import { CreditLeases } from './credit-leases';
import { PerRequestHolds } from './per-request-holds';

// Real: Redis on 127.0.0.1:6379 (commands and pub/sub) under a key prefix unique to this spec run,
// and a private redis-server for the subscription a spec freezes. Faked: Postgres, as an in-memory
// map of accounts; the feed where a spec needs to switch it off.
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new Redis(url, { lazyConnect: true });
const keyPrefix = testRedisPrefix('credit-change');
const A = 1_000_000n;
const closing: Array<{ close(): Promise<void> } | { stop(): Promise<void> }> = [];

/** A subscriber connection as the gateway makes it (errors are retried by ioredis). */
function subscriberConnection(connectionUrl: string, overrides: { socketTimeout?: number } = {}): Redis {
  const connection = createRedis(connectionUrl, 'subscriber', overrides);
  connection.on('error', () => undefined);
  return connection;
}

function setup(feed: CreditChangeFeed = { listening: true }) {
  const accounts = new Map<string, CreditAccountState>();
  const holds = new CreditHolds(redis, { keyPrefix }, async (teamId) => accounts.get(teamId) ?? null);
  const leases = new CreditLeases(holds, redis, {
    requestsPerTopUp: 32,
    tickMs: 20,
    idleMs: 60_000,
    changes: { feed, perRequest: new PerRequestHolds(holds) },
  });
  closing.push(leases);
  const teamWith = (balanceMicro: bigint) => {
    const teamId = randomUUID();
    accounts.set(teamId, { balanceMicro, lastEntryId: 1n });
    return teamId;
  };
  return { holds, leases, feed, teamWith, publisher: new CreditChangePublisher(redis, keyPrefix) };
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

async function leasesOf(holds: CreditHolds, teamId: string) {
  return (await holds.holdsOf(teamId)).holds.filter((h) => h.state === 'leased');
}

describe('credit changes that must bind at once', () => {
  beforeAll(() => redis.connect());
  afterEach(async () => {
    await Promise.all(closing.splice(0).map((c) => ('close' in c ? c.close() : c.stop())));
  });
  afterAll(async () => {
    for await (const keys of redis.scanStream({ match: `${keyPrefix}*`, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.unlink(...keys);
    }
    await redis.quit();
  });

  it('caches a lower balance, reads the held total and tells every subscriber, in one step', async () => {
    const { holds, leases, teamWith, publisher } = setup();
    const teamId = teamWith(100n * A);
    await leases.place(teamId, 'in-flight', A);
    const heard: string[][] = [[], []];
    const subscribers = heard.map((bucket) => {
      const subscriber = new CreditChangeSubscriber(subscriberConnection(url), keyPrefix);
      closing.push(subscriber);
      return { subscriber, bucket };
    });
    await Promise.all(
      subscribers.map(({ subscriber, bucket }) =>
        subscriber.start({ onChanged: (t) => bucket.push(t), onResubscribed: () => undefined }),
      ),
    );
    expect(subscribers.map(({ subscriber }) => subscriber.listening)).toEqual([true, true]);
    const { heldMicro } = await holds.snapshot(teamId);

    await expect(publisher.lowerBalance(teamId, 10n * A, 2n)).resolves.toBe(heldMicro);
    await expect(holds.snapshot(teamId)).resolves.toMatchObject({ balanceMicro: 10n * A });
    await waitUntil(async () => heard.every((bucket) => bucket.length === 1));
    expect(heard).toEqual([[teamId], [teamId]]);
  });

  it('gives a revoked lease’s spare back at once, keeps its requests held, and returns it after the last', async () => {
    const { holds, leases, teamWith } = setup();
    const teamId = teamWith(100n * A);
    await leases.place(teamId, 'in-flight', A);
    expect((await holds.snapshot(teamId)).heldMicro).toBeGreaterThan(10n * A);
    // The balance drops to what the request in flight holds: nothing is left for another.
    await holds.applyLedger(teamId, A, 2n, []);
    leases.revoke(teamId);
    await waitUntil(async () => (await holds.snapshot(teamId)).heldMicro === A);
    await expect(leases.place(teamId, 'after', A)).rejects.toBeInstanceOf(InsufficientCreditsError);

    await leases.settle(teamId, 'in-flight', A / 2n);
    await waitUntil(async () => (await leasesOf(holds, teamId)).length === 0);
    await expect(holds.snapshot(teamId)).resolves.toEqual({
      balanceMicro: A,
      heldMicro: A / 2n,
      availableMicro: A / 2n,
    });
  });

  it('gives back what a top-up under way at the revocation brings, and leases afresh for the waiting request', async () => {
    const { holds, leases, teamWith } = setup();
    const teamId = teamWith(100n * A);
    const placing = leases.place(teamId, 'first', A); // its lease is opened and being topped up
    leases.revoke(teamId);
    await placing;
    await waitUntil(async () => (await leasesOf(holds, teamId)).length === 1);
    const { heldMicro } = await holds.holdsOf(teamId);
    const [lease] = await leasesOf(holds, teamId);
    expect(heldMicro).toBe(lease.amountMicro);
    expect(lease.amountMicro).toBeGreaterThanOrEqual(A);
  });

  it('holds each request in Redis on its own while changes are not heard, and leases again once they are', async () => {
    const feed = { listening: true };
    const { holds, leases, teamWith } = setup(feed);
    const teamId = teamWith(100n * A);
    feed.listening = false;
    await leases.place(teamId, 'unheard', A);
    expect((await holds.holdsOf(teamId)).holds.map((h) => [h.requestId, h.state])).toEqual([['unheard', 'pending']]);
    await leases.settle(teamId, 'unheard', A);
    feed.listening = true;
    await leases.place(teamId, 'heard', A);
    expect(await leasesOf(holds, teamId)).toHaveLength(1);
    await expect(holds.snapshot(teamId)).resolves.toMatchObject({
      heldMicro: A + (await leasesOf(holds, teamId))[0].amountMicro,
    });
  });

  it('stops listening while its connection is down, and tells when it listens again', async () => {
    const connection = subscriberConnection(url);
    const subscriber = new CreditChangeSubscriber(connection, keyPrefix);
    closing.push(subscriber);
    let resubscribed = 0;
    await subscriber.start({ onChanged: () => undefined, onResubscribed: () => resubscribed++ });
    expect(subscriber.listening).toBe(true);
    let dropped = false;
    connection.once('close', () => (dropped = !subscriber.listening));
    connection.disconnect(true); // drop the connection; ioredis reconnects
    await waitUntil(async () => dropped && subscriber.listening);
    expect(resubscribed).toBe(1);
  });

  it('stops listening when its connection goes silent, holding each request on its own until it answers again', async () => {
    const pubsub = await startPrivateRedis();
    try {
      const subscriber = new CreditChangeSubscriber(
        subscriberConnection(pubsub.url, { socketTimeout: 300 }),
        keyPrefix,
        {
          pingEveryMs: 100,
        },
      );
      closing.push(subscriber);
      let resubscribed = 0;
      await subscriber.start({ onChanged: () => undefined, onResubscribed: () => resubscribed++ });
      const { holds, leases, teamWith } = setup(subscriber);
      const teamId = teamWith(100n * A);

      pubsub.pause(); // SIGSTOP: the socket stays open, nothing answers, no FIN
      const frozenAt = performance.now();
      await waitUntil(async () => !subscriber.listening);
      // Within a ping interval plus the socket timeout (and some scheduling slack).
      expect(performance.now() - frozenAt).toBeLessThan(100 + 300 + 500);
      await leases.place(teamId, 'unheard', A);
      expect((await holds.holdsOf(teamId)).holds.map((h) => [h.requestId, h.state])).toEqual([['unheard', 'pending']]);

      pubsub.resume();
      await waitUntil(async () => subscriber.listening, 10_000);
      expect(resubscribed).toBe(1);
      await leases.place(teamId, 'heard', A);
      expect(await leasesOf(holds, teamId)).toHaveLength(1);
    } finally {
      await pubsub.destroy(); // resumes it first
    }
  });
});
