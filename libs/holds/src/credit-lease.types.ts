import type { CreditChangeFeed } from './credit-change.subscriber';
import type { RequestHolds } from './credit-holds.types';

export interface CreditLeasesOptions {
  /** A top-up asks for this many times the request's hold beyond what it needs (the lease's size). */
  requestsPerTopUp: number;
  /** A lease with no request in flight and none carved for this long goes back to the team. */
  idleMs?: number;
  /** How often leases are checked for idleness and refreshed; at most a quarter of the hold lifetime. */
  tickMs?: number;
  /** Background refreshes and returns that failed (each is retried or expires on its own). */
  onError?: (err: unknown) => void;
  /**
   * Where credit changes are heard (CreditChangeSubscriber, whose handlers call revoke/revokeAll).
   * Leases are then used only while it is listening; meanwhile each request is held on its own in
   * `perRequest`, checked against the balance in Redis, as a missed change could not be heeded.
   */
  changes?: { feed: CreditChangeFeed; perRequest: RequestHolds };
}

export interface Lease {
  /** The lease's field in the team's holds hash. */
  id: string;
  teamId: string;
  /** Leased and not carved: what requests can take without asking Redis. */
  spare: bigint;
  /** Requests carved from it that are neither settled nor released. */
  inFlight: number;
  /** performance.now() of the last carve, and of the last time Redis confirmed the lease. */
  usedAt: number;
  touchedAt: number;
  /**
   * The connection epoch Redis last confirmed it in: after a reconnect, it is checked again before
   * use. -1 until Redis first granted it (a top-up of a lease Redis granted must find it there).
   */
  epoch: number;
  topUp: Promise<void> | null;
}

export interface Carved {
  lease: Lease;
  amountMicro: bigint;
}

/** Whether Redis has granted the lease at least once. */
export function granted(lease: Lease): boolean {
  return lease.epoch >= 0;
}

/** Redis has just confirmed the lease on the connection of `epoch`. */
export function confirmed(lease: Lease, epoch: number): void {
  lease.touchedAt = performance.now();
  lease.epoch = epoch;
}
