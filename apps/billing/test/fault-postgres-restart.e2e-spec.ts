import { USAGE_EVENTS_QUEUE } from '@switchyard/contracts';
import { createRedis, redisOptions, UsageEventProducer, type RedisClient } from '@switchyard/queue';
import {
  type AppProcess,
  type PrivateServer,
  startAppProcess,
  startPrivatePostgres,
  testRedisPrefix,
  waitFor,
} from '@switchyard/testing';
import { Queue } from 'bullmq';
import type { Client } from 'pg';
import { appliedCount, connectLedger, ledgerFigures, seedBurst, waitForApplied } from './support/fault-ledger';

// Real: a private Postgres cluster that is shut down immediately (crash recovery on restart)
// mid-burst, billing as a process on it, Redis and BullMQ under a prefix of this file's own.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const EVENTS = 5_000;

describe('billing fault: Postgres restarts during a burst', () => {
  let postgres: PrivateServer;
  let db: Client | undefined;
  let billing: AppProcess | undefined;
  let producerRedis: RedisClient;
  let queue: Queue;
  const prefix = testRedisPrefix('fault-pg');

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    producerRedis = createRedis(REDIS_URL, 'producer');
    queue = new Queue(USAGE_EVENTS_QUEUE, { connection: redisOptions(REDIS_URL, 'client'), prefix });
  }, 60_000);

  afterAll(async () => {
    await billing?.stop();
    await queue?.obliterate({ force: true });
    await queue?.close();
    producerRedis?.disconnect();
    await db?.end().catch(() => undefined);
    await postgres?.destroy();
  });

  it('debits every event exactly once once the database is back', async () => {
    db = await connectLedger(postgres.url);
    const { owners, events } = await seedBurst(db, 20, EVENTS);
    billing = await startAppProcess('billing', { DATABASE_URL: postgres.url, REDIS_URL, REDIS_PREFIX: prefix });
    const producer = new UsageEventProducer(producerRedis, { prefix });

    let produced = 0;
    const burst = (async () => {
      for (let i = 0; i < EVENTS; i += 100) {
        await Promise.all(events.slice(i, i + 100).map((e) => producer.emit(e)));
        produced += 100;
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const ledgerBeforeKill = db;
    await waitFor(async () => produced >= 1_500 && (await appliedCount(ledgerBeforeKill, events)) >= 500, {
      timeoutMs: 30_000,
      intervalMs: 20,
      describe: '1,500 events produced and 500 applied',
    });
    await db.end();
    await postgres.stop('kill');
    await new Promise((r) => setTimeout(r, 1_500));
    await postgres.start();
    db = await connectLedger(postgres.url);
    await burst;
    await waitForApplied(db, events, 45_000);

    const figures = await ledgerFigures(db, owners, events);
    console.log(`fault postgres-restart: ${JSON.stringify(figures)}`);
    expect(figures).toEqual({ produced: EVENTS, applied: EVENTS, duplicates: 0, lost: 0, teamsWithDrift: 0 });
    expect(await queue.getFailedCount()).toBe(0);
    await producer.close();
  }, 90_000);
});
