import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { CreditHolds } from './credit-holds';
import { MAX_HOLD_MICRO, type RequestHolds } from './credit-holds.types';

export interface CreditLeasesOptions {
  /** A top-up asks for this many times the request's hold beyond what it needs (the lease's size). */
  requestsPerTopUp: number;
  /** A lease with no request in flight and none carved for this long goes back to the team. */
  idleMs?: number;
  /** How often leases are checked for idleness and refreshed. */
  tickMs?: number;
  /** Background refreshes and returns that failed (each is retried or expires on its own). */
  onError?: (err: unknown) => void;
}

interface Lease {
  /** The lease's field in the team's holds hash. */
  id: string;
  /** Leased and not carved: what requests can take without asking Redis. */
  spare: bigint;
  /** Requests carved from it that are neither settled nor released. */
  inFlight: number;
  /** Granted in Redis at least once (a top-up of a lease that is not fresh must find it there). */
  confirmed: boolean;
  /** performance.now() of the last carve, and of the last time Redis confirmed the lease. */
  usedAt: number;
  touchedAt: number;
  /** The connection epoch Redis last confirmed it in: after a reconnect, it is checked again before use. */
  epoch: number;
  topUp: Promise<void> | null;
}

interface Carved {
  lease: Lease;
  amountMicro: bigint;
  /** performance.now() when it was carved. */
  at: number;
}

/**
 * Request holds carved from a per-team lease, so most requests need no Redis round trip before
 * the upstream call. A lease is one hold in Redis (CreditHolds.lease) that this gateway grows
 * when a request needs more than is spare, or in the background when the spare runs low; other
 * gateways see it as held, so together they can never hold more than the balance. A settle moves
 * the request's estimate out of the lease and holds the exact cost, as with per-request holds; a
 * release only gives the estimate back to the spare. An idle lease goes back to the team.
 *
 * A lease lives in Redis as long as a pending hold (CreditHolds' holdTtlMs) and is refreshed while
 * in use. It is only used while the Redis connection is up and Redis has confirmed it on the
 * current connection within half that lifetime: when Redis is away requests fail closed exactly as
 * with per-request holds, and a lease Redis lost (restart, expiry) is noticed before it is used.
 */
export class CreditLeases implements RequestHolds {
  private readonly leases = new Map<string, Lease>();
  private readonly carved = new Map<string, Carved>();
  private readonly instance = randomUUID();
  private readonly idleMs: number;
  private readonly timer: NodeJS.Timeout;
  private readonly onReady = () => this.epoch++;
  private sequence = 0;
  private epoch = 0;

  constructor(
    private readonly holds: CreditHolds,
    private readonly redis: Redis,
    private readonly options: CreditLeasesOptions,
  ) {
    if (!Number.isInteger(options.requestsPerTopUp) || options.requestsPerTopUp < 1) throw new RangeError('requestsPerTopUp must be a positive integer');
    this.idleMs = options.idleMs ?? 1_000;
    redis.on('ready', this.onReady);
    this.timer = setInterval(() => this.tick(), options.tickMs ?? 500).unref();
  }

  async place(teamId: string, requestId: string, amountMicro: bigint): Promise<void> {
    if (this.carved.has(requestId)) return;
    for (;;) {
      const lease = this.leases.get(teamId) ?? this.open(teamId);
      if (this.usable(lease) && lease.spare >= amountMicro) {
        this.carve(teamId, lease, requestId, amountMicro);
        return;
      }
      // One top-up at a time per team: the others wait for it and look again.
      if (lease.topUp) await lease.topUp.catch(() => undefined);
      else await this.topUp(teamId, lease, amountMicro, amountMicro);
    }
  }

  async settle(teamId: string, requestId: string, costMicro: bigint): Promise<void> {
    const carved = this.carved.get(requestId);
    if (!carved) {
      // Not carved here (an event from a recovered journal or the spool): a plain settled hold.
      await this.holds.settle(teamId, requestId, costMicro);
      return;
    }
    this.carved.delete(requestId);
    carved.lease.inFlight -= 1;
    await this.holds.settle(teamId, requestId, costMicro, { leaseId: carved.lease.id, estimateMicro: carved.amountMicro });
  }

  async release(_teamId: string, requestId: string): Promise<void> {
    const carved = this.carved.get(requestId);
    if (!carved) return;
    this.carved.delete(requestId);
    carved.lease.inFlight -= 1;
    carved.lease.spare += carved.amountMicro;
  }

  /** Gives every lease back. Requests still in flight then count as unheld, as after a crash. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.redis.off('ready', this.onReady);
    const leases = [...this.leases].filter(([, lease]) => lease.confirmed);
    this.leases.clear();
    await Promise.allSettled(leases.map(([teamId, lease]) => this.holds.returnLease(teamId, lease.id)));
  }

  /**
   * A hold neither settled nor released within a hold lifetime ends as a pending hold in Redis
   * would: it stops counting (its estimate goes back to the spare), and a settle that still comes
   * holds its cost without touching the lease. So a request that never ends cannot pin a lease.
   */
  private expireCarved(now: number): void {
    for (const [requestId, carved] of this.carved) {
      // Map order is carving order: the first one young enough ends the scan.
      if (now - carved.at < this.holds.holdTtl) return;
      this.carved.delete(requestId);
      carved.lease.inFlight -= 1;
      carved.lease.spare += carved.amountMicro;
    }
  }

  private open(teamId: string): Lease {
    const lease: Lease = { id: `lease:${this.instance}:${++this.sequence}`, spare: 0n, inFlight: 0, confirmed: false, usedAt: 0, touchedAt: 0, epoch: -1, topUp: null };
    this.leases.set(teamId, lease);
    return lease;
  }

  private usable(lease: Lease): boolean {
    return this.redis.status === 'ready' && lease.epoch === this.epoch && performance.now() - lease.touchedAt < this.holds.holdTtl / 2;
  }

  private carve(teamId: string, lease: Lease, requestId: string, amountMicro: bigint): void {
    lease.spare -= amountMicro;
    lease.inFlight += 1;
    lease.usedAt = performance.now();
    this.carved.set(requestId, { lease, amountMicro, at: lease.usedAt });
    // Top up ahead of need, so the next requests find spare credits and do not wait.
    if (!lease.topUp && lease.spare < this.extraFor(amountMicro) / 2n) {
      this.topUp(teamId, lease, 0n, amountMicro).catch(() => undefined);
    }
  }

  private extraFor(amountMicro: bigint): bigint {
    const extra = amountMicro * BigInt(this.options.requestsPerTopUp);
    return extra > MAX_HOLD_MICRO ? MAX_HOLD_MICRO : extra;
  }

  /**
   * Asks Redis for what the spare lacks to cover `amountMicro`, plus a lease's worth of requests
   * the size of `requestMicro`; throws as CreditHolds.lease does.
   */
  private topUp(teamId: string, lease: Lease, amountMicro: bigint, requestMicro: bigint): Promise<void> {
    const epoch = this.epoch;
    // A lease not confirmed on this connection may be gone with its spare: it must be found first.
    const spare = lease.epoch === epoch ? lease.spare : 0n;
    const need = amountMicro > spare ? amountMicro - spare : 0n;
    const run = async () => {
      const granted = await this.holds.lease(teamId, lease.id, need, this.extraFor(requestMicro), !lease.confirmed);
      if (granted === 'gone') {
        // Expired or lost with Redis: requests carved from it stay unheld, as after a crash; start over.
        if (this.leases.get(teamId) === lease) this.leases.delete(teamId);
        return;
      }
      lease.spare += granted;
      lease.confirmed = true;
      lease.touchedAt = performance.now();
      lease.epoch = epoch;
    };
    const pending = run().finally(() => {
      lease.topUp = null;
    });
    lease.topUp = pending;
    return pending;
  }

  /** Expires forgotten holds, returns idle leases and keeps the others alive in Redis. */
  private tick(): void {
    const now = performance.now();
    this.expireCarved(now);
    for (const [teamId, lease] of this.leases) {
      if (lease.topUp) continue;
      if (lease.inFlight === 0 && now - lease.usedAt >= this.idleMs) {
        this.leases.delete(teamId);
        if (lease.confirmed) this.holds.returnLease(teamId, lease.id).catch((err: unknown) => this.options.onError?.(err));
      } else if (lease.confirmed && now - lease.touchedAt >= this.holds.holdTtl / 4) {
        const epoch = this.epoch;
        this.holds.refreshLease(teamId, lease.id).then(
          (alive) => {
            if (!alive) {
              if (this.leases.get(teamId) === lease) this.leases.delete(teamId);
              return;
            }
            lease.touchedAt = performance.now();
            lease.epoch = epoch;
          },
          (err: unknown) => this.options.onError?.(err),
        );
      }
    }
  }
}
