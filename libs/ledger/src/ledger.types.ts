import type { PrismaClient } from '@switchyard/db';

/** What the ledger needs from Prisma: PrismaService (or any PrismaClient) fits. */
export type LedgerDb = Pick<PrismaClient, '$transaction' | '$queryRaw' | '$executeRaw'>;

/** One team's account after a batch of usage events was applied. */
export interface AppliedUsage {
  teamId: string;
  balanceMicro: bigint;
  /** Id of the last ledger entry in `balanceMicro`: caches keep the balance with the highest id. */
  lastEntryId: bigint;
  /** Requests debited by this call. */
  appliedRequestIds: string[];
  /**
   * Every request of this team in the batch, debited now or by an earlier delivery. Their holds
   * are settled: a redelivery after a crash between the debit and the hold release still
   * releases them.
   */
  settledRequestIds: string[];
}

export interface PostingOptions {
  /** Exactly-once key of the operation, e.g. `grant:<Idempotency-Key header>`. */
  idempotencyKey: string;
  /** Who did it: `admin:<token name>`, `system:seed`, … */
  actor: string;
  memo?: string;
}

export interface PostingResult {
  entryId: bigint;
  /** The balance right after this entry (for a repeat: after the original entry). */
  balanceMicro: bigint;
  /** False when the idempotency key had been used: nothing was written this time. */
  applied: boolean;
}

export interface AccountBalance {
  teamId: string;
  balanceMicro: bigint;
  lastEntryId: bigint;
}

export interface TeamVerification {
  /** The balance equals the sum of the entries and the last entry's balance-after. */
  ok: boolean;
  balanceMicro: bigint;
  sumMicro: bigint;
  /** balance_after of the team's newest entry, null when it has none. */
  lastBalanceAfterMicro: bigint | null;
  entryCount: number;
}
