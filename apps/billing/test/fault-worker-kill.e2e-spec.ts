import { USAGE_EVENT_JOB, USAGE_EVENT_JOB_OPTIONS, USAGE_EVENTS_QUEUE, type UsageEvent } from '@switchyard/contracts';
import { redisOptions } from '@switchyard/queue';
import { type AppProcess, startAppProcess, testRedisPrefix } from '@switchyard/testing';
import { Queue } from 'bullmq';
import type { Client } from 'pg';
import { appliedCount, connectLedger, ledgerFigures, seedBurst, waitForApplied } from './support/fault-ledger';

// Real: billing as a process that is SIGKILLed mid-batch, Postgres (this run's database), Redis and
// BullMQ under a prefix of this file's own. Faked: nothing; the test plays the gateways' producers.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const EVENTS = 5_000;
const KILLS = 3;

describe('billing fault: the worker is SIGKILLed mid-batch during a burst', () => {
  let db: Client;
  let queue: Queue;
  let env: Record<string, string>;
  let billing: AppProcess | undefined;

  beforeAll(async () => {
    db = await connectLedger(process.env.DATABASE_URL as string);
    env = {
      DATABASE_URL: process.env.DATABASE_URL as string,
      REDIS_URL,
      REDIS_PREFIX: testRedisPrefix('fault-kill'),
    };
    queue = new Queue(USAGE_EVENTS_QUEUE, { connection: redisOptions(REDIS_URL, 'client'), prefix: env.REDIS_PREFIX });
  });

  afterAll(async () => {
    await billing?.stop();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await db?.end();
  });

  it('debits every event exactly once after restarts', async () => {
    const { owners, events } = await seedBurst(db, 20, EVENTS);
    const enqueue = (chunk: UsageEvent[]) =>
      queue.addBulk(
        chunk.map((data) => ({
          name: USAGE_EVENT_JOB,
          data,
          opts: { ...USAGE_EVENT_JOB_OPTIONS, jobId: data.requestId },
        })),
      );
    billing = await startAppProcess('billing', env);

    // The burst: 250 events every 25 ms, while the worker is killed whenever it made progress.
    const burst = (async () => {
      for (let i = 0; i < EVENTS; i += 250) {
        await enqueue(events.slice(i, i + 250));
        await new Promise((r) => setTimeout(r, 25));
      }
    })();
    let kills = 0;
    let seen = 0;
    while (kills < KILLS) {
      const applied = await appliedCount(db, events);
      if (applied >= seen + 300 && applied < EVENTS) {
        billing.child.kill('SIGKILL');
        await billing.stop();
        kills++;
        seen = applied;
        billing = await startAppProcess('billing', env);
      }
      if (applied >= EVENTS) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await burst;
    await waitForApplied(db, events, 40_000);

    const figures = await ledgerFigures(db, owners, events);
    console.log(`fault worker-kill (${kills} SIGKILLs): ${JSON.stringify(figures)}`);
    expect(kills).toBe(KILLS);
    expect(figures).toEqual({ produced: EVENTS, applied: EVENTS, duplicates: 0, lost: 0, teamsWithDrift: 0 });
    expect(await queue.getFailedCount()).toBe(0);
  }, 90_000);
});
