import { randomUUID } from 'node:crypto';
import type { UsageEvent } from '@switchyard/contracts';
import { Client } from 'pg';
import { usageEventFixture, waitFor } from '@switchyard/testing';

export interface Owner {
  teamId: string;
  apiKeyId: string;
}

/** What a fault test reports: every produced event must end up applied once, none lost. */
export interface FaultFigures {
  produced: number;
  applied: number;
  duplicates: number;
  lost: number;
  /** Teams whose balance ≠ sum(entries) or ≠ grant − the costs of their events. */
  teamsWithDrift: number;
}

/** What every seeded fault team is granted: more than any burst spends, so no event is refused for credit. */
export const FAULT_GRANT_MICRO = 1_000_000_000n;

export async function connectLedger(databaseUrl: string): Promise<Client> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  return db;
}

/** Teams with one key each and a granted balance (written as the ledger would: entry + account). */
export async function seedTeams(db: Client, count: number, grantMicro = FAULT_GRANT_MICRO): Promise<Owner[]> {
  const owners: Owner[] = [];
  for (let i = 0; i < count; i++) {
    const teamId = randomUUID();
    const apiKeyId = randomUUID();
    await db.query(`INSERT INTO teams (id, name, updated_at) VALUES ($1, $2, now())`, [
      teamId,
      `fault-${teamId.slice(0, 8)}`,
    ]);
    await db.query(
      `INSERT INTO api_keys (id, team_id, name, key_hash, display_prefix) VALUES ($1, $2, 'fault', $3, 'sy_live_fault')`,
      [apiKeyId, teamId, randomUUID()],
    );
    const entry = await db.query<{ id: string }>(
      `INSERT INTO ledger_entries (team_id, amount_micro, balance_after_micro, kind, idempotency_key, actor) VALUES ($1, $2, $2, 'grant', $3, 'fault-test') RETURNING id`,
      [teamId, grantMicro.toString(), `fault:${teamId}`],
    );
    await db.query(
      `INSERT INTO credit_accounts (team_id, balance_micro, last_entry_id, updated_at) VALUES ($1, $2, $3, now())`,
      [teamId, grantMicro.toString(), entry.rows[0].id],
    );
    owners.push({ teamId, apiKeyId });
  }
  return owners;
}

/** `count` events spread over the owners, with costs that differ so a wrong debit shows in the sums. */
export function usageEvents(owners: Owner[], count: number): UsageEvent[] {
  return Array.from({ length: count }, (_, i) =>
    usageEventFixture({
      requestId: `fault-${randomUUID()}`,
      ...owners[i % owners.length],
      model: 'gpt-4o-mini',
      upstreamModel: 'sim-core',
      usage: { promptTokens: 10 + (i % 7), completionTokens: 3, cachedReadTokens: 0, cacheCreationTokens: 0 },
      costMicro: String(1_000 + (i % 97)),
    }),
  );
}

/** A burst's teams (seeded with the fault grant) and its `eventCount` events spread over them. */
export async function seedBurst(
  db: Client,
  teamCount: number,
  eventCount: number,
): Promise<{ owners: Owner[]; events: UsageEvent[] }> {
  const owners = await seedTeams(db, teamCount);
  return { owners, events: usageEvents(owners, eventCount) };
}

export async function appliedCount(db: Client, events: UsageEvent[]): Promise<number> {
  const { rows } = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM ledger_entries WHERE kind = 'usage' AND request_id = ANY($1::text[])`,
    [events.map((e) => e.requestId)],
  );
  return Number(rows[0].n);
}

/** Waits up to `timeoutMs` for every event to be applied; returns how many are, so a shortfall shows in the figures. */
export async function waitForApplied(db: Client, events: UsageEvent[], timeoutMs: number): Promise<number> {
  await waitFor(async () => (await appliedCount(db, events)) >= events.length, {
    timeoutMs,
    intervalMs: 200,
    describe: `all ${events.length} events applied`,
  }).catch(() => undefined);
  return appliedCount(db, events);
}

/** Checks the money invariants for the teams involved and counts applied, duplicate and lost events. */
export async function ledgerFigures(
  db: Client,
  owners: Owner[],
  events: UsageEvent[],
  grantMicro = FAULT_GRANT_MICRO,
): Promise<FaultFigures> {
  const ids = events.map((e) => e.requestId);
  const entries = await db.query<{ request_id: string; n: string }>(
    `SELECT request_id, count(*) AS n FROM ledger_entries WHERE kind = 'usage' AND request_id = ANY($1::text[]) GROUP BY request_id`,
    [ids],
  );
  const records = await db.query<{ n: string }>(
    `SELECT count(*) AS n FROM usage_records WHERE request_id = ANY($1::text[])`,
    [ids],
  );
  const applied = entries.rows.length;
  const duplicates =
    entries.rows.reduce((sum, r) => sum + Number(r.n) - 1, 0) + Math.max(0, Number(records.rows[0].n) - applied);
  const expected = new Map(owners.map((o) => [o.teamId, grantMicro]));
  for (const e of events) expected.set(e.teamId, (expected.get(e.teamId) as bigint) - BigInt(e.costMicro));
  const accounts = await db.query<{ team_id: string; balance: string; sum: string; last: string | null }>(
    `SELECT a.team_id::text, a.balance_micro::text AS balance,
       (SELECT coalesce(sum(amount_micro), 0)::text FROM ledger_entries e WHERE e.team_id = a.team_id) AS sum,
       (SELECT balance_after_micro::text FROM ledger_entries e WHERE e.team_id = a.team_id ORDER BY id DESC LIMIT 1) AS last
     FROM credit_accounts a WHERE a.team_id = ANY($1::uuid[])`,
    [owners.map((o) => o.teamId)],
  );
  const drift = accounts.rows.filter(
    (a) => a.balance !== a.sum || a.balance !== a.last || BigInt(a.balance) !== expected.get(a.team_id),
  );
  return {
    produced: events.length,
    applied,
    duplicates,
    lost: events.length - applied,
    teamsWithDrift: drift.length + owners.length - accounts.rows.length,
  };
}
