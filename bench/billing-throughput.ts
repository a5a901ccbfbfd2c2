/**
 * Billing worker throughput, isolated from the producer: fills the `usage-events` queue first,
 * then starts one billing process and times it until every event is on the ledger.
 *
 *   node -r @swc-node/register bench/billing-throughput.ts [events] [teams...]
 *   e.g. node -r @swc-node/register bench/billing-throughput.ts 20000 1 1000
 *   BILLING_PROCESSES=2 runs two billing processes on the queue (replicas); BILLING_* tuning
 *   variables are passed through.
 *
 * Uses a scratch database on TEST_DATABASE_ADMIN_URL (default postgresql://postgres@127.0.0.1:5432/postgres)
 * and a scratch prefix on REDIS_URL; both are removed afterwards.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { USAGE_EVENT_JOB, USAGE_EVENT_JOB_OPTIONS, USAGE_EVENTS_QUEUE, type UsageEvent } from '@switchyard/contracts';
import { redisOptions } from '@switchyard/queue';
import { startAppProcess } from '@switchyard/testing';
import { Queue } from 'bullmq';
import { Client } from 'pg';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL || 'postgresql://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const COST_MICRO = 1_000n;

async function scratchDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `switchyard_bench_billing_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const migrate = spawnSync(
    process.execPath,
    ['--experimental-wasm-modules', '--no-warnings', 'scripts/prisma-migrate.mjs', 'deploy'],
    {
      cwd: resolve(__dirname, '..'),
      env: { ...process.env, DATABASE_URL: url.toString() },
      encoding: 'utf8',
    },
  );
  if (migrate.status !== 0) throw new Error(`migration failed: ${migrate.stderr}`);
  return {
    url: url.toString(),
    drop: async () => (await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`), await admin.end()) as unknown as void,
  };
}

async function createTeams(
  db: Client,
  count: number,
  grantMicro: bigint,
): Promise<{ teamId: string; apiKeyId: string }[]> {
  const { rows } = await db.query<{ team_id: string; key_id: string }>(
    `WITH t AS (INSERT INTO teams (id, name, updated_at) SELECT gen_random_uuid(), 'bench-' || g, now() FROM generate_series(1, $1) g RETURNING id),
          k AS (INSERT INTO api_keys (id, team_id, name, key_hash, display_prefix) SELECT gen_random_uuid(), id, 'bench', gen_random_uuid()::text, 'sy_live_bench' FROM t RETURNING id, team_id),
          a AS (INSERT INTO credit_accounts (team_id, balance_micro, last_entry_id, updated_at) SELECT id, $2::bigint, 0, now() FROM t)
     SELECT k.team_id::text, k.id::text AS key_id FROM k`,
    [count, grantMicro.toString()],
  );
  // The grant as a ledger entry too, so balance = sum(entries) holds from the start.
  await db.query(
    `INSERT INTO ledger_entries (team_id, amount_micro, balance_after_micro, kind, idempotency_key, actor)
     SELECT team_id, $2::bigint, $2::bigint, 'grant', 'bench:' || team_id, 'bench' FROM unnest($1::uuid[]) AS team_id`,
    [rows.map((r) => r.team_id), grantMicro.toString()],
  );
  return rows.map((r) => ({ teamId: r.team_id, apiKeyId: r.key_id }));
}

function usageEvent(owner: { teamId: string; apiKeyId: string }): UsageEvent {
  return {
    v: 1,
    requestId: randomUUID(),
    clientRequestId: null,
    ...owner,
    model: 'core-small',
    provider: 'simulated',
    upstreamModel: 'sim-core',
    tier: 'core',
    taskType: null,
    usage: { promptTokens: 10, completionTokens: 5, cachedReadTokens: 0, cacheCreationTokens: 0 },
    costMicro: COST_MICRO.toString(),
    latencyMs: 1,
    status: 'completed',
    occurredAt: new Date().toISOString(),
  };
}

async function run(eventCount: number, teamCount: number): Promise<void> {
  const database = await scratchDatabase();
  const db = new Client({ connectionString: database.url });
  await db.connect();
  const prefix = `bench-billing-${randomBytes(4).toString('hex')}`;
  const queue = new Queue(USAGE_EVENTS_QUEUE, { connection: redisOptions(REDIS_URL, 'client'), prefix });
  try {
    const teams = await createTeams(db, teamCount, 1_000_000_000_000n);
    for (let i = 0; i < eventCount; i += 1000) {
      const chunk = Array.from({ length: Math.min(1000, eventCount - i) }, (_, j) =>
        usageEvent(teams[(i + j) % teams.length]),
      );
      await queue.addBulk(
        chunk.map((data) => ({
          name: USAGE_EVENT_JOB,
          data,
          opts: { ...USAGE_EVENT_JOB_OPTIONS, jobId: data.requestId },
        })),
      );
    }
    // BILLING_PROCESSES workers consume the same queue, as replicas of the billing service would.
    const processCount = Number(process.env.BILLING_PROCESSES ?? 1);
    const billings = await Promise.all(
      Array.from({ length: processCount }, () =>
        startAppProcess('billing', { DATABASE_URL: database.url, REDIS_URL, REDIS_PREFIX: prefix, ...pickEnv() }),
      ),
    );
    const started = performance.now();
    let applied = 0;
    while (applied < eventCount && performance.now() - started < 300_000) {
      await new Promise((r) => setTimeout(r, 50));
      applied = Number(
        (await db.query<{ n: string }>(`SELECT count(*) AS n FROM ledger_entries WHERE kind = 'usage'`)).rows[0].n,
      );
    }
    await Promise.all(billings.map((billing) => billing.stop()));
    // From the first debit's commit to the last: the process's boot is not billing time.
    const window = await db.query<{ s: number }>(
      `SELECT extract(epoch FROM max(created_at) - min(created_at))::float8 AS s FROM ledger_entries WHERE kind = 'usage'`,
    );
    const seconds = Math.max(window.rows[0].s, 0.001);
    const drift = await db.query(
      `SELECT 1 FROM credit_accounts a WHERE balance_micro <> (SELECT sum(amount_micro) FROM ledger_entries e WHERE e.team_id = a.team_id)`,
    );
    console.log(
      JSON.stringify({
        events: eventCount,
        teams: teamCount,
        processes: processCount,
        applied,
        seconds: +seconds.toFixed(2),
        eventsPerSecond: Math.round(applied / seconds),
        teamsWithDrift: drift.rowCount,
      }),
    );
  } finally {
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await db.end();
    await database.drop();
  }
}

/** Passes BILLING_* tuning variables through to the billing process. */
function pickEnv(): Record<string, string> {
  return Object.fromEntries(
    Object.entries(process.env).filter((e): e is [string, string] => e[0].startsWith('BILLING_') && e[1] !== undefined),
  );
}

async function main(): Promise<void> {
  const [events = '20000', ...teams] = process.argv.slice(2);
  for (const teamCount of teams.length > 0 ? teams : ['1', '1000']) await run(Number(events), Number(teamCount));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
