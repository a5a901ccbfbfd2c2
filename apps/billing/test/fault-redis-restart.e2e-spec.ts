import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { USAGE_EVENTS_QUEUE, type UsageEvent } from '@switchyard/contracts';
import { createRedis, redisOptions, UsageEventProducer, UsageSpool, type RedisClient } from '@switchyard/queue';
import { type AppProcess, type PrivateServer, startAppProcess, startPrivateRedis, waitFor } from '@switchyard/testing';
import { Queue } from 'bullmq';
import type { Client } from 'pg';
import { appliedCount, connectLedger, ledgerFigures, seedBurst, waitForApplied } from './support/fault-ledger';

// Real: a private redis-server (AOF) that is SIGKILLed and restarted mid-burst, billing as a
// process on it, Postgres (this run's database). The test plays the gateway: producer + spool.
const EVENTS = 5_000;

describe('billing fault: Redis restarts during a burst', () => {
  let redisServer: PrivateServer;
  let db: Client;
  let billing: AppProcess | undefined;
  let producerRedis: RedisClient;
  let spoolDir: string;

  beforeAll(async () => {
    redisServer = await startPrivateRedis();
    db = await connectLedger(process.env.DATABASE_URL as string);
    spoolDir = mkdtempSync(join(tmpdir(), 'fault-redis-spool-'));
  });

  afterAll(async () => {
    await billing?.stop();
    producerRedis?.disconnect();
    await db?.end();
    await redisServer?.destroy();
    rmSync(spoolDir, { recursive: true, force: true });
  });

  it('debits every event exactly once, the ones Redis refused through the spool', async () => {
    const { owners, events } = await seedBurst(db, 20, EVENTS);
    const env = {
      DATABASE_URL: process.env.DATABASE_URL as string,
      REDIS_URL: redisServer.url,
      REDIS_PREFIX: 'fault-redis',
    };
    billing = await startAppProcess('billing', env);
    producerRedis = createRedis(redisServer.url, 'producer');
    const producer = new UsageEventProducer(producerRedis, { prefix: env.REDIS_PREFIX, timeoutMs: 500 });
    const spool = new UsageSpool({ dir: spoolDir });
    let spooled = 0;
    const emit = (event: UsageEvent) =>
      producer.emit(event).catch(async () => {
        await spool.append(event);
        spooled++;
      });

    let produced = 0;
    const burst = (async () => {
      for (let i = 0; i < EVENTS; i += 100) {
        await Promise.all(events.slice(i, i + 100).map(emit));
        produced += 100;
        await new Promise((r) => setTimeout(r, 40));
      }
    })();
    // Mid-burst: events are being produced and billed when Redis dies.
    await waitFor(async () => produced >= 1_500 && (await appliedCount(db, events)) >= 500, {
      timeoutMs: 30_000,
      intervalMs: 20,
      describe: '1,500 events produced and 500 applied',
    });
    await redisServer.stop('kill');
    await new Promise((r) => setTimeout(r, 1_000));
    await redisServer.start();
    await burst;
    await waitFor(async () => (await spool.replay((event) => producer.emit(event))).filesLeft === 0, {
      timeoutMs: 30_000,
      intervalMs: 200,
      describe: 'the spool replayed to the last file',
    });
    await spool.close();
    await waitForApplied(db, events, 40_000);

    const figures = await ledgerFigures(db, owners, events);
    console.log(`fault redis-restart (${spooled} events spooled): ${JSON.stringify(figures)}`);
    expect(spooled).toBeGreaterThan(0);
    expect(figures).toEqual({ produced: EVENTS, applied: EVENTS, duplicates: 0, lost: 0, teamsWithDrift: 0 });
    const queue = new Queue(USAGE_EVENTS_QUEUE, {
      connection: redisOptions(redisServer.url, 'client'),
      prefix: env.REDIS_PREFIX,
    });
    expect(await queue.getFailedCount()).toBe(0);
    await queue.close();
    await producer.close();
  }, 90_000);
});
