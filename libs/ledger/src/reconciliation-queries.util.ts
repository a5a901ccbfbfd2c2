import type { Prisma } from '@switchyard/db';
import type { Drift } from './reconciliation.types';

type Tx = Pick<Prisma.TransactionClient, '$queryRaw'>;

/** Rows reported per query at most: drift is for a human to read, and one bad row is enough to act. */
const MAX_ROWS = 1_000;

export interface TeamTotals {
  teamId: string;
  balance: bigint;
  lastEntryId: bigint;
  sum: bigint;
  maxId: bigint;
}

/** Account balance and cached version against the sum and newest id of the team's entries. */
export function teamTotals(tx: Tx, teamId: string | null): Promise<TeamTotals[]> {
  return tx.$queryRaw<TeamTotals[]>`
    SELECT t.id::text AS "teamId", coalesce(a.balance_micro, 0)::bigint AS balance, coalesce(a.last_entry_id, 0)::bigint AS "lastEntryId",
      coalesce(e.sum, 0)::bigint AS sum, coalesce(e.max_id, 0)::bigint AS "maxId"
    FROM teams t
    LEFT JOIN credit_accounts a ON a.team_id = t.id
    LEFT JOIN (SELECT team_id, sum(amount_micro) AS sum, max(id) AS max_id FROM ledger_entries GROUP BY team_id) e ON e.team_id = t.id
    WHERE ${teamId}::uuid IS NULL OR t.id = ${teamId}::uuid
    ORDER BY t.id`;
}

/** Entries whose balance_after is not the running sum of the team's amounts up to them. */
export async function chainBreaks(tx: Tx, teamId: string | null): Promise<Drift[]> {
  const rows = await tx.$queryRaw<{ teamId: string; bad: bigint; first: bigint }[]>`
    SELECT team_id::text AS "teamId", count(*) AS bad, min(id) AS first FROM (
      SELECT team_id, id, balance_after_micro, sum(amount_micro) OVER (PARTITION BY team_id ORDER BY id) AS running
      FROM ledger_entries WHERE ${teamId}::uuid IS NULL OR team_id = ${teamId}::uuid
    ) x WHERE running <> balance_after_micro GROUP BY team_id ORDER BY team_id LIMIT ${MAX_ROWS}`;
  return rows.map((r) => ({
    teamId: r.teamId,
    check: 'balance_after_chain',
    detail: `${r.bad} entr${r.bad === 1n ? 'y' : 'ies'} with a balance_after that is not the running sum (first: entry ${r.first})`,
  }));
}

/** Usage records and usage entries must pair one to one, same team, entry = −cost; refunds reverse one usage entry. */
export async function usagePairing(tx: Tx, teamId: string | null): Promise<Drift[]> {
  const rows = await tx.$queryRaw<{ teamId: string; check: Drift['check']; detail: string }[]>`
    SELECT * FROM (
      SELECT r.team_id::text AS "teamId", 'usage_without_entry' AS check, 'usage record ' || r.request_id || ' has no usage entry' AS detail
      FROM usage_records r LEFT JOIN ledger_entries e ON e.request_id = r.request_id
      WHERE e.id IS NULL AND (${teamId}::uuid IS NULL OR r.team_id = ${teamId}::uuid)
      UNION ALL
      SELECT e.team_id::text, 'entry_without_usage', 'usage entry ' || e.id || ' (request ' || coalesce(e.request_id, 'none') || ') has no usage record'
      FROM ledger_entries e LEFT JOIN usage_records r ON r.request_id = e.request_id
      WHERE e.kind = 'usage' AND r.request_id IS NULL AND (${teamId}::uuid IS NULL OR e.team_id = ${teamId}::uuid)
      UNION ALL
      SELECT e.team_id::text, 'usage_amount_mismatch',
        'usage entry ' || e.id || ' debits ' || (-e.amount_micro) || ' but request ' || r.request_id || ' cost ' || r.cost_micro || ' (team ' || r.team_id || ')'
      FROM ledger_entries e JOIN usage_records r ON r.request_id = e.request_id
      WHERE (e.amount_micro <> -r.cost_micro OR e.team_id <> r.team_id OR e.kind <> 'usage') AND (${teamId}::uuid IS NULL OR e.team_id = ${teamId}::uuid)
      UNION ALL
      SELECT f.team_id::text, 'refund_mismatch', 'refund entry ' || f.id || ' of request ' || f.refunds_request_id || ' does not reverse a usage entry of its team'
      FROM ledger_entries f LEFT JOIN ledger_entries u ON u.request_id = f.refunds_request_id AND u.kind = 'usage'
      WHERE f.refunds_request_id IS NOT NULL AND (u.id IS NULL OR u.team_id <> f.team_id OR f.amount_micro <> -u.amount_micro)
        AND (${teamId}::uuid IS NULL OR f.team_id = ${teamId}::uuid)
    ) d ORDER BY "teamId" LIMIT ${MAX_ROWS}`;
  return rows;
}

/** Which of these requests have a usage entry (were billed). */
export async function billedRequests(tx: Tx, requestIds: string[]): Promise<Set<string>> {
  if (requestIds.length === 0) return new Set();
  const rows = await tx.$queryRaw<{ requestId: string }[]>`
    SELECT request_id AS "requestId" FROM ledger_entries WHERE request_id = ANY(${requestIds}::text[])`;
  return new Set(rows.map((r) => r.requestId));
}
