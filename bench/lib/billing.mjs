// Billing throughput, queue to ledger: usage events go onto the queue through the app's own
// UsageEventProducer; the clock stops when the queue is empty. Then the ledger is checked.
import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';

const COST_MICRO = 12_000n;
const ENQUEUE_CONCURRENCY = 256;

function usageEvent(libs, requestId, team) {
  const { USAGE_EVENT_SCHEMA_VERSION } = libs('contracts');
  return {
    v: USAGE_EVENT_SCHEMA_VERSION,
    requestId,
    clientRequestId: null,
    teamId: team.teamId,
    apiKeyId: team.keyId,
    model: 'bench-core',
    provider: 'simulated',
    upstreamModel: 'bench-core',
    tier: 'core',
    taskType: null,
    usage: { promptTokens: 12, completionTokens: 8, cachedReadTokens: 0, cacheCreationTokens: 0 },
    costMicro: COST_MICRO.toString(),
    latencyMs: 1,
    status: 'completed',
    occurredAt: new Date().toISOString(),
  };
}

async function countRows(pgClient, prefix) {
  const { rows } = await pgClient.query(
    `SELECT count(*)::int AS n FROM ledger_entries WHERE kind = 'usage' AND request_id LIKE $1`,
    [`${prefix}%`],
  );
  return rows[0].n;
}

async function unfinishedJobs(queue) {
  const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'paused', 'prioritized');
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}

/** balance = grant − events × cost and balance = sum(entries), for every team involved. */
async function checkLedger(pgClient, teams, grantMicro, eventsPerTeam) {
  const { rows } = await pgClient.query(
    `SELECT a.team_id, a.balance_micro::text AS balance,
            (SELECT coalesce(sum(amount_micro), 0)::text FROM ledger_entries e WHERE e.team_id = a.team_id) AS sum
       FROM credit_accounts a WHERE a.team_id = ANY($1::uuid[])`,
    [teams.map((t) => t.teamId)],
  );
  const wrong = rows.filter((r) => {
    const expected = grantMicro - BigInt(eventsPerTeam.get(r.team_id) ?? 0) * COST_MICRO;
    return BigInt(r.balance) !== expected || BigInt(r.sum) !== expected;
  });
  return { teamsChecked: rows.length, teamsWrong: wrong.length + (teams.length - rows.length) };
}

/**
 * Enqueues `events` usage events spread round-robin over `teams` and times billing until the last
 * one is on the ledger, then checks the ledger. Two modes:
 * - `drain`: the queue is paused while it fills, then resumed; the clock runs from the resume to
 *   the last debit. This is billing's own rate, queue to ledger, with nothing else competing.
 * - `live`: billing consumes while the producer enqueues, so both share the machine's cores; the
 *   clock runs from the first enqueue.
 */
export async function runBillingScenario({
  libs,
  redisUrl,
  redisPrefix,
  pgClient,
  name,
  mode,
  teams,
  billedPerTeam,
  events,
  grantMicro,
  timeoutMs = 120_000,
}) {
  const { createRedis, UsageEventProducer } = libs('queue');
  const { USAGE_EVENTS_QUEUE } = libs('contracts');
  const redis = createRedis(redisUrl, 'producer');
  const producer = new UsageEventProducer(redis, { prefix: redisPrefix, timeoutMs: 30_000 });
  // A second handle on the same queue, to pause and resume it for every worker.
  const control = new Queue(USAGE_EVENTS_QUEUE, { connection: redis, prefix: redisPrefix });
  const prefix = `bench-${name}-${mode}-${randomUUID().slice(0, 8)}-`;
  try {
    if (mode === 'drain') await control.pause();
    const enqueueStarted = performance.now();
    for (let i = 0; i < events; i += ENQUEUE_CONCURRENCY) {
      const batch = [];
      for (let j = i; j < Math.min(events, i + ENQUEUE_CONCURRENCY); j++) {
        const team = teams[j % teams.length];
        billedPerTeam.set(team.teamId, (billedPerTeam.get(team.teamId) ?? 0) + 1);
        batch.push(producer.emit(usageEvent(libs, `${prefix}${j}`, team)));
      }
      await Promise.all(batch);
    }
    const enqueuedAt = performance.now();
    if (mode === 'drain') await control.resume();
    const started = mode === 'drain' ? performance.now() : enqueueStarted;
    // A job completes only once its debit committed, so an empty queue means every event is on
    // the ledger (or failed for good). Polling Redis keeps the clock off Postgres, which is busy.
    while ((await unfinishedJobs(control)) > 0 && performance.now() - started < timeoutMs)
      await new Promise((r) => setTimeout(r, 10));
    const elapsedSec = (performance.now() - started) / 1000;
    const done = await countRows(pgClient, prefix);
    const ledger = await checkLedger(pgClient, teams, grantMicro, billedPerTeam);
    return {
      name,
      mode,
      teams: teams.length,
      events,
      debited: done,
      seconds: elapsedSec,
      eventsPerSec: done / elapsedSec,
      enqueuePerSec: events / ((enqueuedAt - enqueueStarted) / 1000),
      exact: done === events && ledger.teamsWrong === 0,
      ...ledger,
    };
  } finally {
    if (mode === 'drain') await control.resume().catch(() => undefined);
    await control.close();
    await producer.close();
    redis.disconnect();
  }
}
