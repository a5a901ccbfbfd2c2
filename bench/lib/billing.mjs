// Billing throughput end to end: usage events go straight onto the queue through the app's own
// UsageEventProducer; the clock stops when the last ledger row exists. Then the ledger is checked.
import { randomUUID } from 'node:crypto';

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
  const { rows } = await pgClient.query(`SELECT count(*)::int AS n FROM ledger_entries WHERE kind = 'usage' AND request_id LIKE $1`, [`${prefix}%`]);
  return rows[0].n;
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

/** Enqueues `events` usage events spread round-robin over `teams`; resolves with events/s and the ledger check. */
export async function runBillingScenario({ libs, redisUrl, redisPrefix, pgClient, name, teams, events, grantMicro, timeoutMs = 120_000 }) {
  const { createRedis, UsageEventProducer } = libs('queue');
  const redis = createRedis(redisUrl, 'producer');
  const producer = new UsageEventProducer(redis, { prefix: redisPrefix, timeoutMs: 30_000 });
  const prefix = `bench-${name}-${randomUUID().slice(0, 8)}-`;
  const perTeam = new Map();
  const started = performance.now();
  let enqueuedAt = 0;
  try {
    for (let i = 0; i < events; i += ENQUEUE_CONCURRENCY) {
      const batch = [];
      for (let j = i; j < Math.min(events, i + ENQUEUE_CONCURRENCY); j++) {
        const team = teams[j % teams.length];
        perTeam.set(team.teamId, (perTeam.get(team.teamId) ?? 0) + 1);
        batch.push(producer.emit(usageEvent(libs, `${prefix}${j}`, team)));
      }
      await Promise.all(batch);
    }
    enqueuedAt = performance.now();
    let done = 0;
    while ((done = await countRows(pgClient, prefix)) < events) {
      if (performance.now() - started > timeoutMs) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const elapsedSec = (performance.now() - started) / 1000;
    const ledger = await checkLedger(pgClient, teams, grantMicro, perTeam);
    return {
      name,
      teams: teams.length,
      events,
      debited: done,
      seconds: elapsedSec,
      eventsPerSec: done / elapsedSec,
      enqueuePerSec: events / ((enqueuedAt - started) / 1000),
      exact: done === events && ledger.teamsWrong === 0,
      ...ledger,
    };
  } finally {
    await producer.close();
    redis.disconnect();
  }
}
