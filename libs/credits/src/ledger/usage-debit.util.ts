import type { UsageEvent } from '@switchyard/contracts';
import type { Prisma } from '@switchyard/db';

type Tx = Pick<Prisma.TransactionClient, '$queryRaw' | '$executeRaw'>;

export interface NewUsageRow {
  requestId: string;
  teamId: string;
  apiKeyId: string;
  costMicro: bigint;
}

export interface AccountRow {
  teamId: string;
  balanceMicro: bigint;
  lastEntryId: bigint;
}

export interface UsageEntry extends NewUsageRow {
  balanceAfterMicro: bigint;
}

/** Inserts the usage records; returns only the rows that were not there yet. */
export function insertUsageRecords(tx: Tx, events: UsageEvent[]): Promise<NewUsageRow[]> {
  const col = <T>(pick: (e: UsageEvent) => T): T[] => events.map(pick);
  return tx.$queryRaw<NewUsageRow[]>`
    INSERT INTO usage_records (request_id, client_request_id, team_id, api_key_id, model, provider, upstream_model,
      tier, task_type, prompt_tokens, completion_tokens, cached_read_tokens, cache_creation_tokens, cost_micro,
      latency_ms, status, occurred_at)
    SELECT * FROM unnest(
      ${col((e) => e.requestId)}::text[], ${col((e) => e.clientRequestId)}::text[], ${col((e) => e.teamId)}::uuid[],
      ${col((e) => e.apiKeyId)}::uuid[], ${col((e) => e.model)}::text[], ${col((e) => e.provider)}::text[],
      ${col((e) => e.upstreamModel)}::text[], ${col((e) => e.tier)}::text[], ${col((e) => e.taskType)}::text[],
      ${col((e) => e.usage.promptTokens)}::int[], ${col((e) => e.usage.completionTokens)}::int[],
      ${col((e) => e.usage.cachedReadTokens)}::int[], ${col((e) => e.usage.cacheCreationTokens)}::int[],
      ${col((e) => e.costMicro)}::text[]::bigint[], ${col((e) => e.latencyMs)}::int[],
      ${col((e) => e.status)}::text[]::"UsageStatus"[], ${col((e) => e.occurredAt)}::text[]::timestamptz[])
    ON CONFLICT (request_id) DO NOTHING
    RETURNING request_id AS "requestId", team_id::text AS "teamId", api_key_id::text AS "apiKeyId", cost_micro AS "costMicro"`;
}

/**
 * Creates missing accounts, then locks the teams' accounts in team id order, so concurrent
 * batches touching the same teams queue up instead of deadlocking.
 */
export async function lockAccounts(tx: Tx, teamIds: string[]): Promise<AccountRow[]> {
  await tx.$executeRaw`
    INSERT INTO credit_accounts (team_id, balance_micro, last_entry_id, updated_at)
    SELECT t, 0, 0, now() FROM unnest(${teamIds}::uuid[]) AS t ORDER BY t
    ON CONFLICT (team_id) DO NOTHING`;
  return tx.$queryRaw<AccountRow[]>`
    SELECT team_id::text AS "teamId", balance_micro AS "balanceMicro", last_entry_id AS "lastEntryId"
    FROM credit_accounts WHERE team_id = ANY(${teamIds}::uuid[]) ORDER BY team_id FOR UPDATE`;
}

export function readAccounts(tx: Tx, teamIds: string[]): Promise<AccountRow[]> {
  return tx.$queryRaw<AccountRow[]>`
    SELECT team_id::text AS "teamId", balance_micro AS "balanceMicro", last_entry_id AS "lastEntryId"
    FROM credit_accounts WHERE team_id = ANY(${teamIds}::uuid[])`;
}

/** Appends the usage entries in the given order (ids follow it); returns each request's entry id. */
export function insertUsageEntries(tx: Tx, entries: UsageEntry[], actor: string): Promise<{ requestId: string; id: bigint }[]> {
  const col = <T>(pick: (e: UsageEntry) => T): T[] => entries.map(pick);
  return tx.$queryRaw<{ requestId: string; id: bigint }[]>`
    INSERT INTO ledger_entries (team_id, amount_micro, balance_after_micro, kind, request_id, api_key_id, actor)
    SELECT e.team_id, e.amount, e.balance_after, 'usage', e.request_id, e.api_key_id, ${actor}
    FROM unnest(${col((e) => e.teamId)}::uuid[], ${col((e) => (-e.costMicro).toString())}::text[]::bigint[],
      ${col((e) => e.balanceAfterMicro.toString())}::text[]::bigint[], ${col((e) => e.requestId)}::text[],
      ${col((e) => e.apiKeyId)}::uuid[]) WITH ORDINALITY AS e(team_id, amount, balance_after, request_id, api_key_id, ord)
    ORDER BY e.ord
    RETURNING request_id AS "requestId", id`;
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
