import type { UsageEvent } from '@switchyard/contracts';
import type { Prisma } from '@switchyard/db';

type Tx = Pick<Prisma.TransactionClient, '$queryRaw' | '$executeRaw'>;

export interface AccountRow {
  teamId: string;
  balanceMicro: bigint;
  lastEntryId: bigint;
}

export interface DebitedTeam extends AccountRow {
  /** The team's requests this batch debited (not those debited before). */
  appliedRequestIds: string[];
}

/**
 * Records the usage and debits the costs in ONE statement, so a batch costs one Postgres round
 * trip (no BEGIN/COMMIT: a statement is atomic on its own). Each step reads the one before:
 * - `rec`: the usage records not there yet (ON CONFLICT makes a redelivered event a no-op);
 * - `locked`: their teams' accounts, locked in team order, as every writer locks them, so
 *   concurrent batches queue instead of deadlocking;
 * - `entries`: one entry per new record with the running balance, inserted in team and request
 *   order after the lock, so entry ids follow each team's balance chain;
 * - `debited`: each account's new balance and last entry (its only change in the statement).
 * A debited team without an account gets a NULL balance_after, which the NOT NULL constraint
 * turns into an error (SQLSTATE 23502, isNotNullViolation) that rolls the whole statement back: the caller
 * creates the accounts (ensureAccounts) and runs it again. Returns every team of the batch with
 * its balance and last entry id, debited or not (events already billed).
 */
export function debitUsage(db: Tx, events: UsageEvent[], actor: string): Promise<DebitedTeam[]> {
  const col = <T>(pick: (e: UsageEvent) => T): T[] => events.map(pick);
  return db.$queryRaw<DebitedTeam[]>`
    WITH rec AS (
      INSERT INTO usage_records (request_id, client_request_id, team_id, api_key_id, model, provider, upstream_model,
        tier, task_type, kind, prompt_tokens, completion_tokens, cached_read_tokens, cache_creation_tokens, cost_micro,
        latency_ms, status, occurred_at)
      SELECT * FROM unnest(
        ${col((e) => e.requestId)}::text[], ${col((e) => e.clientRequestId)}::text[], ${col((e) => e.teamId)}::uuid[],
        ${col((e) => e.apiKeyId)}::uuid[], ${col((e) => e.model)}::text[], ${col((e) => e.provider)}::text[],
        ${col((e) => e.upstreamModel)}::text[], ${col((e) => e.tier)}::text[], ${col((e) => e.taskType)}::text[],
        ${col((e) => e.kind ?? 'chat')}::text[],
        ${col((e) => e.usage.promptTokens)}::int[], ${col((e) => e.usage.completionTokens)}::int[],
        ${col((e) => e.usage.cachedReadTokens)}::int[], ${col((e) => e.usage.cacheCreationTokens)}::int[],
        ${col((e) => e.costMicro)}::text[]::bigint[], ${col((e) => e.latencyMs)}::int[],
        ${col((e) => e.status)}::text[]::"UsageStatus"[], ${col((e) => e.occurredAt)}::text[]::timestamptz[])
      ON CONFLICT (request_id) DO NOTHING
      RETURNING request_id, team_id, api_key_id, cost_micro
    ),
    locked AS (
      SELECT team_id, balance_micro FROM credit_accounts
      WHERE team_id IN (SELECT team_id FROM rec) ORDER BY team_id FOR UPDATE
    ),
    entries AS (
      INSERT INTO ledger_entries (team_id, amount_micro, balance_after_micro, kind, request_id, api_key_id, actor)
      SELECT r.team_id, -r.cost_micro,
        l.balance_micro - sum(r.cost_micro) OVER (PARTITION BY r.team_id ORDER BY r.request_id ROWS UNBOUNDED PRECEDING),
        'usage', r.request_id, r.api_key_id, ${actor}
      FROM rec r LEFT JOIN locked l ON l.team_id = r.team_id
      ORDER BY r.team_id, r.request_id
      RETURNING id, team_id, balance_after_micro
    ),
    debited AS (
      UPDATE credit_accounts AS a
      SET balance_micro = t.balance_after_micro, last_entry_id = t.id, updated_at = now()
      FROM (SELECT DISTINCT ON (team_id) team_id, id, balance_after_micro FROM entries ORDER BY team_id, id DESC) AS t
      WHERE a.team_id = t.team_id
      RETURNING a.team_id, a.balance_micro, a.last_entry_id
    )
    SELECT t.team_id::text AS "teamId",
      coalesce(d.balance_micro, a.balance_micro, 0) AS "balanceMicro",
      coalesce(d.last_entry_id, a.last_entry_id, 0) AS "lastEntryId",
      coalesce((SELECT array_agg(r.request_id ORDER BY r.request_id) FROM rec r WHERE r.team_id = t.team_id), '{}') AS "appliedRequestIds"
    FROM (SELECT DISTINCT team_id FROM unnest(${col((e) => e.teamId)}::uuid[]) AS team_id) AS t
    LEFT JOIN debited d ON d.team_id = t.team_id
    LEFT JOIN credit_accounts a ON a.team_id = t.team_id
    ORDER BY t.team_id`;
}

/** Creates the accounts the teams do not have yet, at zero, in team order. */
export async function ensureAccounts(tx: Tx, teamIds: string[]): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO credit_accounts (team_id, balance_micro, last_entry_id, updated_at)
    SELECT t, 0, 0, now() FROM unnest(${teamIds}::uuid[]) AS t ORDER BY t
    ON CONFLICT (team_id) DO NOTHING`;
}

/**
 * Creates missing accounts, then locks the teams' accounts in team id order, so concurrent
 * batches touching the same teams queue up instead of deadlocking.
 */
export async function lockAccounts(tx: Tx, teamIds: string[]): Promise<AccountRow[]> {
  await ensureAccounts(tx, teamIds);
  return tx.$queryRaw<AccountRow[]>`
    SELECT team_id::text AS "teamId", balance_micro AS "balanceMicro", last_entry_id AS "lastEntryId"
    FROM credit_accounts WHERE team_id = ANY(${teamIds}::uuid[]) ORDER BY team_id FOR UPDATE`;
}

export function readAccounts(tx: Tx, teamIds: string[]): Promise<AccountRow[]> {
  return tx.$queryRaw<AccountRow[]>`
    SELECT team_id::text AS "teamId", balance_micro AS "balanceMicro", last_entry_id AS "lastEntryId"
    FROM credit_accounts WHERE team_id = ANY(${teamIds}::uuid[])`;
}

export function updateAccounts(tx: Tx, accounts: AccountRow[]): Promise<number> {
  const col = <T>(pick: (a: AccountRow) => T): T[] => accounts.map(pick);
  return tx.$executeRaw`
    UPDATE credit_accounts AS a
    SET balance_micro = v.balance, last_entry_id = v.last_id, updated_at = now()
    FROM unnest(${col((a) => a.teamId)}::uuid[], ${col((a) => a.balanceMicro.toString())}::text[]::bigint[],
      ${col((a) => a.lastEntryId.toString())}::text[]::bigint[]) AS v(team_id, balance, last_id)
    WHERE a.team_id = v.team_id`;
}
