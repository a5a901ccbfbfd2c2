/**
 * What the admin API answers (apps/billing/src/admin/**), as JSON: micro-credits and ledger entry
 * ids are decimal strings, times ISO strings. Only the fields the console reads are listed.
 */
export type Micro = string;

export interface Session {
  /** "read" tokens may only look; any other scope may write. */
  scope: string;
  /** A team-scoped token's team; null = every team. */
  teamId: string | null;
  expiresAt: string;
  csrfToken: string;
}

export interface Team {
  id: string;
  name: string;
  status: 'active' | 'disabled';
  createdAt: string;
  balanceMicro?: Micro;
  heldMicro?: Micro;
  availableMicro?: Micro;
  /** 30 days of spend, oldest first. */
  spend30d?: Micro[];
}

export interface TeamPage {
  teams: Team[];
  nextCursor: string | null;
}

export interface Overview {
  totalBalanceMicro: Micro;
  totalHeldMicro: Micro;
  spendPerDay: { day: string; spentMicro: Micro }[];
  failedEvents: number;
  lastReconciliation: { at: string; ok: boolean; drifts: number } | null;
}

export type LedgerKind = 'grant' | 'usage' | 'refund' | 'adjustment' | 'reversal';
export const LEDGER_KINDS: LedgerKind[] = ['grant', 'usage', 'refund', 'adjustment', 'reversal'];

export interface LedgerEntry {
  id: string;
  kind: LedgerKind;
  amountMicro: Micro;
  balanceAfterMicro: Micro;
  requestId: string | null;
  refundsRequestId: string | null;
  apiKeyId: string | null;
  actor: string;
  memo: string | null;
  createdAt: string;
}

export interface LedgerPage {
  entries: LedgerEntry[];
  nextCursor: string | null;
}

export interface UsageRow {
  /** YYYY-MM-DD, on the day_model and day_tier groupings. */
  day?: string;
  group: string | null;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  costMicro: Micro;
}

export interface ApiKey {
  id: string;
  teamId: string;
  name: string;
  displayPrefix: string;
  status: 'active' | 'revoked';
  expiresAt: string | null;
  lastUsedAt: string | null;
  allowedModels: string[] | null;
  allowedTiers: string[] | null;
  rpmLimit: number | null;
  tpmLimit: number | null;
  createdAt: string;
}

/** A key as created or rotated: the only time its plaintext is sent. */
export interface IssuedKey extends ApiKey {
  key: string;
}

export interface FailedEvent {
  jobId: string;
  teamId: string | null;
  requestId: string | null;
  failedReason: string;
  attemptsMade: number;
  failedAt: string | null;
}

export interface AuditEntry {
  id: string | number;
  action: string;
  targetType: string;
  targetId: string;
  teamId: string | null;
  actor: string;
  createdAt: string;
}

export interface AdminToken {
  id: string;
  name: string;
  scope: string;
  teamId: string | null;
  createdAt: string;
  revokedAt: string | null;
}

export interface ReconciliationReport {
  ok: boolean;
  teamsChecked: number;
  drifts: unknown[];
  checkedAt: string;
}

/** libs/contracts TIERS; the console is kept free of server libraries, so the list is repeated here. */
export const TIERS = ['core', 'pro', 'ultra'];
