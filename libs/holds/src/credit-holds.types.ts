export interface CreditHoldsOptions {
  /** Prepended to every key. Must not contain '{': the team id is the cluster hash tag. */
  keyPrefix: string;
  /** How long an unsettled hold counts if the gateway never settles or releases it. */
  holdTtlMs?: number;
  /** How long a settled hold counts while billing applies its debit. */
  settledTtlMs?: number;
  /**
   * How long an applied request's tombstone lives, so a settle that arrives after billing applied
   * the debit (a delivery retried after a timeout, a journal recovered at boot) is a no-op. A
   * gateway issues each settle before its event's queue add on one connection, so the normal path
   * never needs it; a hot team's tombstones are one hash field and one sorted-set member per
   * request while they live.
   */
  appliedTtlMs?: number;
  /** How long a cached balance lives before it is reloaded from Postgres: a backstop if billing ever fails to applyLedger. */
  balanceTtlMs?: number;
}

/** What CreditHolds uses for an option left out, in ms (HoldsEnv reads HOLD_TTL_MS with the same default). */
export const CREDIT_HOLD_DEFAULTS = {
  holdTtlMs: 120_000,
  settledTtlMs: 600_000,
  appliedTtlMs: 60_000,
  balanceTtlMs: 300_000,
} as const;

export interface CreditAccountState {
  balanceMicro: bigint;
  /** Id of the last ledger entry reflected in the balance; must grow with every change to it. */
  lastEntryId: bigint;
}

/** Reads the team's account from Postgres; null when the team has none. */
export type CreditAccountLoader = (teamId: string) => Promise<CreditAccountState | null>;

export interface CreditSnapshot {
  balanceMicro: bigint;
  heldMicro: bigint;
  availableMicro: bigint;
}

/**
 * Largest amount or balance the holds accept: Lua works in doubles, exact to 2^53 − 1
 * micro-credits (≈ 9.007 billion credits).
 */
export const MAX_HOLD_MICRO = BigInt(Number.MAX_SAFE_INTEGER);

/** One hold as CreditHolds keeps it (see holdsOf). */
export interface StoredHold {
  requestId: string;
  /**
   * pending: placed; settled: usage emitted, awaiting the debit; applied: debited (a tombstone);
   * leased: a gateway's lease (`requestId` is then the lease's id), covering its requests in flight.
   */
  state: 'pending' | 'settled' | 'applied' | 'leased';
  amountMicro: bigint;
  /** Redis-clock ms after which the hold no longer counts; null if its expiry entry is missing. */
  expiresAtMs: number | null;
}

/** Which lease a request's hold was carved from, and how much it took. */
export interface LeasedEstimate {
  leaseId: string;
  estimateMicro: bigint;
}

/**
 * A request's hold, as the gateway sees it: placed before the upstream call (estimate), then
 * settled at the exact cost once its usage event is emitted, or released if it failed.
 * CreditHolds keeps one in Redis per request; CreditLeases carves them from a leased amount.
 */
export interface RequestHolds {
  /** Reserves `amountMicro` for the request, or throws InsufficientCreditsError. Idempotent per request id. */
  place(teamId: string, requestId: string, amountMicro: bigint): Promise<void>;
  settle(teamId: string, requestId: string, costMicro: bigint): Promise<void>;
  release(teamId: string, requestId: string): Promise<void>;
  /** Gives back whatever is reserved beyond open requests (at shutdown, after the last settle). */
  close(): Promise<void>;
}
