import { InvalidRequestError, NotFoundError, TeamNotFoundError } from '@switchyard/contracts';
import type { Prisma } from '@switchyard/db';
import { type AdminActor, actorLabel, recordAudit } from '@switchyard/admin';
import { assertBalanceWithinLimit } from './credit-limit.util';
import { LEDGER_ENTRY_SELECT, type LedgerEntryView } from './ledger-entry.types';
import { lockAccounts, updateAccounts } from './usage-debit.util';

/** An operator's credit operation; its amount is signed for adjustments, derived for refunds. */
export type AdminPosting =
  | { kind: 'grant'; amountMicro: bigint }
  | { kind: 'adjustment'; amountMicro: bigint }
  | { kind: 'refund'; requestId: string };

export interface AdminPostingOptions {
  idempotencyKey: string;
  actor: AdminActor;
  memo?: string | null;
  /**
   * For a change that lowers the balance: makes the new balance binding on the gateways before
   * the change commits (CreditChangePublisher.lowerBalance) and returns what was held at that
   * instant, which the audit entry records. It runs under the account lock, after the entry is
   * written; if it throws, nothing commits.
   */
  onLowered?: (balanceMicro: bigint, lastEntryId: bigint) => Promise<bigint>;
}

export interface AdminPostingResult {
  entry: LedgerEntryView;
  /** False when the idempotency key had been used: the original entry, nothing written now. */
  applied: boolean;
}

/**
 * Posts one operator entry inside `tx`, under the team's account lock: checks the idempotency
 * key (a repeat returns the original entry; the same key for a different operation is refused),
 * appends the entry, moves the balance and writes the audit row, all in the caller's transaction.
 */
export async function postAdminEntry(
  tx: Prisma.TransactionClient,
  teamId: string,
  posting: AdminPosting,
  options: AdminPostingOptions,
): Promise<AdminPostingResult> {
  const team = await tx.team.findUnique({ where: { id: teamId }, select: { id: true } });
  if (!team) throw new TeamNotFoundError(teamId);
  const [account] = await lockAccounts(tx, [teamId]);
  // Checked under the account lock: a concurrent call with the same key has committed by now.
  const earlier = await tx.ledgerEntry.findUnique({
    where: { idempotencyKey: options.idempotencyKey },
    select: LEDGER_ENTRY_SELECT,
  });
  if (earlier) {
    if (!sameOperation(earlier, teamId, posting, options.memo ?? null)) {
      throw new InvalidRequestError(
        'This idempotency key was already used for a different operation.',
        'idempotency_key',
      );
    }
    return { entry: earlier, applied: false };
  }
  const amountMicro =
    posting.kind === 'refund' ? await refundAmount(tx, teamId, posting.requestId) : posting.amountMicro;
  const balanceMicro = account.balanceMicro + amountMicro;
  assertBalanceWithinLimit(balanceMicro);
  const entry = await tx.ledgerEntry.create({
    data: {
      teamId,
      amountMicro,
      balanceAfterMicro: balanceMicro,
      kind: posting.kind,
      idempotencyKey: options.idempotencyKey,
      refundsRequestId: posting.kind === 'refund' ? posting.requestId : null,
      actor: actorLabel(options.actor),
      memo: options.memo ?? null,
    },
    select: LEDGER_ENTRY_SELECT,
  });
  await updateAccounts(tx, [{ teamId, balanceMicro, lastEntryId: entry.id }]);
  const heldMicro = amountMicro < 0n ? await options.onLowered?.(balanceMicro, entry.id) : undefined;
  await recordAudit(tx, options.actor, {
    action: `credits.${posting.kind}`,
    targetType: 'credit_account',
    targetId: teamId,
    teamId,
    before: { balanceMicro: account.balanceMicro, lastEntryId: account.lastEntryId },
    // heldMicro: what the gateways held for the team when the lower balance took effect.
    after: { balanceMicro, lastEntryId: entry.id, entry, ...(heldMicro === undefined ? {} : { heldMicro }) },
  });
  return { entry, applied: true };
}

function sameOperation(earlier: LedgerEntryView, teamId: string, posting: AdminPosting, memo: string | null): boolean {
  if (earlier.teamId !== teamId || earlier.kind !== posting.kind || earlier.memo !== memo) return false;
  return posting.kind === 'refund'
    ? earlier.refundsRequestId === posting.requestId
    : earlier.amountMicro === posting.amountMicro;
}

/** The reversal of the request's usage debit; each request is refunded at most once. */
async function refundAmount(tx: Prisma.TransactionClient, teamId: string, requestId: string): Promise<bigint> {
  const usage = await tx.ledgerEntry.findUnique({
    where: { requestId },
    select: { teamId: true, kind: true, amountMicro: true },
  });
  if (!usage || usage.teamId !== teamId || usage.kind !== 'usage') {
    throw new NotFoundError(`No billed request ${requestId} in this team.`, 'request_id');
  }
  const refunded = await tx.ledgerEntry.findUnique({ where: { refundsRequestId: requestId }, select: { id: true } });
  if (refunded)
    throw new InvalidRequestError(`Request ${requestId} was already refunded (entry ${refunded.id}).`, 'request_id');
  return -usage.amountMicro;
}
