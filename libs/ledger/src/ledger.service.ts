import { InvalidRequestError, TeamNotFoundError, type UsageEvent } from '@switchyard/contracts';
import { isForeignKeyViolation, isNotNullViolation } from '@switchyard/db';
import type {
  AccountBalance,
  AppliedUsage,
  LedgerDb,
  PostingOptions,
  PostingResult,
  TeamVerification,
} from './ledger.types';
import {
  type AdminPosting,
  type AdminPostingOptions,
  type AdminPostingResult,
  postAdminEntry,
} from './admin-posting.util';
import { assertAmountWithinLimit } from './credit-limit.util';
import { retryTransaction } from './retry-transaction.util';
import { debitUsage, ensureAccounts, readAccounts } from './usage-debit.util';
import { UsageOwnerNotFoundError } from './usage-owner-not-found.error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Waiting for a pooled connection and for team locks under load is normal; give it room. */
const TX_OPTIONS = { maxWait: 10_000, timeout: 30_000 } as const;
const USAGE_ACTOR = 'system:billing';

function byRequestId<T extends { requestId: string }>(a: T, b: T): number {
  return a.requestId < b.requestId ? -1 : a.requestId > b.requestId ? 1 : 0;
}

/**
 * The only writer of the ledger. Every change appends entries and moves the account's balance
 * in the same transaction, under the account's row lock, so balance = sum(entries) always.
 * Unique request ids (usage) and idempotency keys (admin operations) make each change
 * exactly-once however often it is delivered.
 */
export class LedgerService {
  constructor(private readonly db: LedgerDb) {}

  /**
   * Records the usage and debits each request's cost once, atomically (one statement, one round
   * trip: see debitUsage). Events already recorded are skipped. Served requests are always
   * debited, even below zero: holds are what keep balances from going negative, not this.
   */
  async applyUsageEvents(events: UsageEvent[]): Promise<AppliedUsage[]> {
    const unique = [...new Map(events.map((e) => [e.requestId, e])).values()].sort(byRequestId);
    if (unique.length === 0) return [];
    try {
      const teams = await retryTransaction(() => this.debit(unique));
      return teams.map((team) => ({
        ...team,
        settledRequestIds: unique.filter((e) => e.teamId === team.teamId).map((e) => e.requestId),
      }));
    } catch (err) {
      if (isForeignKeyViolation(err)) throw new UsageOwnerNotFoundError(err);
      throw err;
    }
  }

  /** Adds credits to a team once per idempotency key; creates the account on first use. */
  grant(teamId: string, amountMicro: bigint, options: PostingOptions): Promise<PostingResult> {
    const actor = { tokenId: null, name: options.actor };
    return this.post(teamId, { kind: 'grant', amountMicro }, { ...options, actor }).then(({ entry, applied }) => ({
      entryId: entry.id,
      balanceMicro: entry.balanceAfterMicro,
      applied,
    }));
  }

  /**
   * An operator's grant, signed adjustment (memo required) or refund of a billed request, applied
   * once per idempotency key and audited in the same transaction. The amount and the balance it
   * leaves must stay within ±MAX_HOLD_MICRO (refused with nothing written).
   */
  post(teamId: string, posting: AdminPosting, options: AdminPostingOptions): Promise<AdminPostingResult> {
    if (!UUID.test(teamId)) return Promise.reject(new TeamNotFoundError(teamId));
    if (posting.kind === 'grant' && posting.amountMicro <= 0n)
      throw new InvalidRequestError('A grant must be a positive amount.', 'amount');
    if (posting.kind === 'adjustment' && posting.amountMicro === 0n)
      throw new InvalidRequestError('An adjustment must not be zero.', 'amount');
    if (posting.kind === 'adjustment' && !options.memo?.trim())
      throw new InvalidRequestError('An adjustment needs a memo saying why.', 'memo');
    if (posting.kind !== 'refund') assertAmountWithinLimit(posting.amountMicro);
    return retryTransaction(() =>
      this.db.$transaction((tx) => postAdminEntry(tx, teamId, posting, options), TX_OPTIONS),
    );
  }

  async balanceOf(teamId: string): Promise<AccountBalance> {
    const rows = UUID.test(teamId) ? await readAccounts(this.db, [teamId]) : [];
    return rows[0] ?? { teamId, balanceMicro: 0n, lastEntryId: 0n };
  }

  /** Checks the ledger invariant for one team from a single consistent snapshot. */
  async verifyTeam(teamId: string): Promise<TeamVerification> {
    if (!UUID.test(teamId)) throw new TeamNotFoundError(teamId);
    const [row] = await this.db.$queryRaw<
      { balance: bigint | null; sum: bigint; last: bigint | null; count: bigint }[]
    >`
      SELECT (SELECT balance_micro FROM credit_accounts WHERE team_id = ${teamId}::uuid) AS balance,
        (SELECT coalesce(sum(amount_micro), 0)::bigint FROM ledger_entries WHERE team_id = ${teamId}::uuid) AS sum,
        (SELECT balance_after_micro FROM ledger_entries WHERE team_id = ${teamId}::uuid ORDER BY id DESC LIMIT 1) AS last,
        (SELECT count(*) FROM ledger_entries WHERE team_id = ${teamId}::uuid) AS count`;
    const balanceMicro = row.balance ?? 0n;
    const ok = balanceMicro === row.sum && (row.last === null ? balanceMicro === 0n : row.last === balanceMicro);
    return { ok, balanceMicro, sumMicro: row.sum, lastBalanceAfterMicro: row.last, entryCount: Number(row.count) };
  }

  /** A team billed before it was ever granted credits has no account yet: create it, then debit. */
  private async debit(events: UsageEvent[]) {
    try {
      return await debitUsage(this.db, events, USAGE_ACTOR);
    } catch (err) {
      // debitUsage's way of saying a team has no account: a NOT NULL violation (see its comment).
      if (!isNotNullViolation(err)) throw err;
      await ensureAccounts(this.db, [...new Set(events.map((e) => e.teamId))]);
      return debitUsage(this.db, events, USAGE_ACTOR);
    }
  }
}
