import { randomUUID } from 'node:crypto';
import { USAGE_EVENT_JOB, USAGE_EVENT_JOB_OPTIONS, USAGE_EVENTS_QUEUE, type UsageEvent } from '@switchyard/contracts';
import { redisOptions } from '@switchyard/queue';
import { type AppProcess, startAppProcess, testRedisPrefix, waitFor } from '@switchyard/testing';
import { type JobsOptions, Queue } from 'bullmq';
import type { Client } from 'pg';
import { connectLedger, ledgerFigures, seedTeams, usageEvents, waitForApplied } from './support/fault-ledger';

// Real: billing as a process, Postgres (this run's database), Redis and BullMQ under a prefix of
// this file's own. Faked: nothing; the test enqueues jobs the way a confused producer might.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function shuffled<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

describe('billing fault: duplicated, reordered and malformed deliveries', () => {
  let db: Client;
  let queue: Queue;
  let billing: AppProcess;

  beforeAll(async () => {
    db = await connectLedger(process.env.DATABASE_URL as string);
    const prefix = testRedisPrefix('fault-redeliver');
    queue = new Queue(USAGE_EVENTS_QUEUE, { connection: redisOptions(REDIS_URL, 'client'), prefix });
    billing = await startAppProcess('billing', {
      DATABASE_URL: process.env.DATABASE_URL as string,
      REDIS_URL,
      REDIS_PREFIX: prefix,
    });
  }, 60_000);

  afterAll(async () => {
    await billing?.stop();
    await queue?.obliterate({ force: true });
    await queue?.close();
    await db?.end();
  });

  const job = (data: unknown, jobId: string, opts: JobsOptions = USAGE_EVENT_JOB_OPTIONS) => ({
    name: USAGE_EVENT_JOB,
    data,
    opts: { ...opts, jobId },
  });

  it('debits once when every event is delivered twice and out of order', async () => {
    const owners = await seedTeams(db, 10);
    const events = usageEvents(owners, 2_500);
    // Second deliveries under other job ids, so BullMQ's de-duplication cannot help: only the ledger can.
    const jobs = shuffled(
      events.flatMap((e) => [
        job(e, e.requestId),
        job({ ...e, occurredAt: new Date(0).toISOString() }, `${e.requestId}-again`),
      ]),
    );
    for (let i = 0; i < jobs.length; i += 500) await queue.addBulk(jobs.slice(i, i + 500));

    await waitForApplied(db, events, 45_000);
    await new Promise((r) => setTimeout(r, 500)); // let stragglers of the second delivery run too

    const figures = await ledgerFigures(db, owners, events);
    console.log(`fault redelivery (${jobs.length} deliveries): ${JSON.stringify(figures)}`);
    expect(figures).toEqual({ produced: 2_500, applied: 2_500, duplicates: 0, lost: 0, teamsWithDrift: 0 });
    expect(await queue.getFailedCount()).toBe(0);
  }, 90_000);

  it('fails a malformed event and an unknown team alone, into the failed set, and bills their batch-mates', async () => {
    const owners = await seedTeams(db, 2);
    const good = usageEvents(owners, 200);
    const malformed = { ...usageEvents(owners, 1)[0], costMicro: '-5' };
    const unknownTeam: UsageEvent = { ...usageEvents(owners, 1)[0], teamId: randomUUID() };
    const mixed = [...good.slice(0, 100), malformed, unknownTeam, ...good.slice(100)];
    await queue.addBulk(mixed.map((e) => job(e, e.requestId, { ...USAGE_EVENT_JOB_OPTIONS, attempts: 3 })));

    await waitForApplied(db, good, 30_000);
    await waitFor(async () => (await queue.getFailedCount()) >= 2, {
      timeoutMs: 20_000,
      intervalMs: 100,
      describe: 'the two bad events to fail',
    });

    const failed = await queue.getFailed();
    expect(failed.map((j) => [j.id, j.attemptsMade]).sort()).toEqual(
      [
        [malformed.requestId, 1],
        [unknownTeam.requestId, 1],
      ].sort(),
    );
    const written = await db.query(
      `SELECT 1 FROM usage_records WHERE request_id = ANY($1) UNION ALL SELECT 1 FROM ledger_entries WHERE request_id = ANY($1)`,
      [[malformed.requestId, unknownTeam.requestId]],
    );
    expect(written.rowCount).toBe(0);
    expect(await ledgerFigures(db, owners, good)).toEqual({
      produced: 200,
      applied: 200,
      duplicates: 0,
      lost: 0,
      teamsWithDrift: 0,
    });
  }, 60_000);
});
