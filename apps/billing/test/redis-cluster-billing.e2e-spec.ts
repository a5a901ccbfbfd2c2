import { USAGE_EVENT_JOB, USAGE_EVENT_JOB_OPTIONS, USAGE_EVENTS_QUEUE } from '@switchyard/contracts';
import { createRedis, queuePrefix, type RedisClient, UsageEventProducer } from '@switchyard/queue';
import { type AppProcess, type RedisCluster, startAppProcess, startRedisCluster } from '@switchyard/testing';
import { Queue } from 'bullmq';
import type { Client } from 'pg';
import { connectLedger, ledgerFigures, seedBurst, waitForApplied } from './support/fault-ledger';

// Real: a Redis Cluster of this file's own, TWO billing processes consuming one usage queue on it
// (its hash-tagged prefix), Postgres (this run's database). The events are produced as a gateway
// does (UsageEventProducer on a producer connection), then delivered again under other job ids.
const PREFIX = 'cluster-billing';
let cluster: RedisCluster;
let billings: AppProcess[];
let db: Client;
let redis: RedisClient;
let producer: UsageEventProducer;
let queue: Queue;

beforeAll(async () => {
  cluster = await startRedisCluster();
  const env = { DATABASE_URL: process.env.DATABASE_URL as string, REDIS_URL: cluster.url, REDIS_PREFIX: PREFIX };
  billings = await Promise.all([startAppProcess('billing', env), startAppProcess('billing', env)]);
  db = await connectLedger(process.env.DATABASE_URL as string);
  redis = createRedis(cluster.url, 'producer');
  producer = new UsageEventProducer(redis, { prefix: queuePrefix(cluster.url, PREFIX) });
  queue = new Queue(USAGE_EVENTS_QUEUE, { connection: redis, prefix: queuePrefix(cluster.url, PREFIX) });
}, 90_000);

afterAll(async () => {
  await Promise.all((billings ?? []).map((billing) => billing.stop()));
  await Promise.all([producer?.close(), queue?.close()]);
  await redis?.quit();
  await db?.end();
  await cluster?.stop();
});

describe('billing on a Redis Cluster', () => {
  it('debits every usage event once across two workers, when every event is delivered twice', async () => {
    const { owners, events } = await seedBurst(db, 6, 400);
    for (const event of events) await producer.emit(event);
    // The same event again under the same job id (BullMQ keeps one), then under another (only the ledger can tell).
    await Promise.all(events.slice(0, 50).map((event) => producer.emit(event)));
    const again = events.map((e) => ({
      name: USAGE_EVENT_JOB,
      data: e,
      opts: { ...USAGE_EVENT_JOB_OPTIONS, jobId: `${e.requestId}-again` },
    }));
    await queue.addBulk(again);

    await waitForApplied(db, events, 30_000);
    await new Promise((r) => setTimeout(r, 1_000)); // the second deliveries run too
    expect(await ledgerFigures(db, owners, events)).toEqual({
      produced: 400,
      applied: 400,
      duplicates: 0,
      lost: 0,
      teamsWithDrift: 0,
    });
    await expect(queue.getFailedCount()).resolves.toBe(0);
    await expect(queue.getWaitingCount()).resolves.toBe(0);
  }, 60_000);
});
