export type LedgerEntryKind = 'grant' | 'usage' | 'refund' | 'adjustment' | 'reversal';

/** One ledger entry as operators see it. */
export interface LedgerEntryView {
  id: bigint;
  teamId: string;
  kind: LedgerEntryKind;
  amountMicro: bigint;
  balanceAfterMicro: bigint;
  requestId: string | null;
  refundsRequestId: string | null;
  apiKeyId: string | null;
  actor: string;
  memo: string | null;
  createdAt: Date;
}

/** The columns of {@link LedgerEntryView}, as a Prisma select. */
export const LEDGER_ENTRY_SELECT = {
  id: true,
  teamId: true,
  kind: true,
  amountMicro: true,
  balanceAfterMicro: true,
  requestId: true,
  refundsRequestId: true,
  apiKeyId: true,
  actor: true,
  memo: true,
  createdAt: true,
} as const;
