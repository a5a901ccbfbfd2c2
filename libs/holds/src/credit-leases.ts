import { randomUUID } from 'node:crypto';
import type { CreditHolds } from './credit-holds';
import { MAX_HOLD_MICRO, type RequestHolds } from './credit-holds.types';
import { type Carved, confirmed, type CreditLeasesOptions, granted, type Lease } from './credit-lease.types';
import type { RedisClient } from '@switchyard/queue';

export type { CreditLeasesOptions } from './credit-lease.types';

/**
 * Request holds carved from a per-team lease, so most requests need no Redis round trip before
 * the upstream call. A lease is one hold in Redis (CreditHolds.lease) that this gateway grows
 * when a request needs more than is spare, or in the background when the spare runs low; other
 * gateways see it as held, so together they can never hold more than the balance. A settle moves
 * the request's estimate out of the lease and holds the exact cost, as with per-request holds; a
 * release only gives the estimate back to the spare. An idle lease goes back to the team, and a
 * revoked one (revoke: its team's credits shrank) gives its spare back at once.
 *
 * A carved hold lasts as long as its request, however long that is: only the request ends it
 * (settle or release). A lease lives in Redis as long as a pending hold (CreditHolds' holdTtlMs)
 * and is refreshed while any request carved from it is in flight, so only a gone gateway's lease,
 * with the holds carved from it, expires. It is only used while the Redis connection is up and
 * Redis has confirmed it on the current connection within half that lifetime: when Redis is away
 * requests fail closed exactly as with per-request holds, and a lease Redis lost (restart,
 * expiry) is noticed before it is used.
 */
export class CreditLeases implements RequestHolds {
  private readonly leases = new Map<string, Lease>();
  /** Revoked leases that still have requests in flight: kept alive until the last one ends. */
  private readonly retiring = new Set<Lease>();
  private readonly carved = new Map<string, Carved>();
  /** Requests held on their own (options.changes.perRequest) while changes were not heard. */
  private readonly unleased = new Set<string>();
  private readonly instance = randomUUID();
  private readonly idleMs: number;
  private readonly timer: NodeJS.Timeout;
  private readonly onReady = () => this.epoch++;
  private sequence = 0;
  private epoch = 0;

  constructor(
    private readonly holds: CreditHolds,
    private readonly redis: RedisClient,
    private readonly options: CreditLeasesOptions,
  ) {
    if (!Number.isInteger(options.requestsPerTopUp) || options.requestsPerTopUp < 1)
      throw new RangeError('requestsPerTopUp must be a positive integer');
    this.idleMs = options.idleMs ?? 1_000;
    redis.on('ready', this.onReady);
    this.timer = setInterval(() => this.tick(), options.tickMs ?? Math.min(500, holds.holdTtl / 4)).unref();
  }

  async place(teamId: string, requestId: string, amountMicro: bigint): Promise<void> {
    if (this.carved.has(requestId) || this.unleased.has(requestId)) return;
    for (;;) {
      const changes = this.options.changes;
      if (changes && !changes.feed.listening) {
        await changes.perRequest.place(teamId, requestId, amountMicro);
        this.unleased.add(requestId);
        return;
      }
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
    if (this.unleased.delete(requestId)) return this.options.changes?.perRequest.settle(teamId, requestId, costMicro);
    const carved = this.uncarve(requestId);
    // Not carved here (an event from a recovered journal or the spool): a plain settled hold.
    const leased = carved && { leaseId: carved.lease.id, estimateMicro: carved.amountMicro };
    await this.holds.settle(teamId, requestId, costMicro, leased);
  }

  async release(teamId: string, requestId: string): Promise<void> {
    if (this.unleased.delete(requestId)) return this.options.changes?.perRequest.release(teamId, requestId);
    this.giveBack(requestId);
  }

  /**
   * The team's credits shrank (or it was disabled): its lease is retired. Nothing more is carved
   * from it, its spare goes back to the team at once, and it is returned once its last request
   * ends; the next request leases afresh, against the balance as it is now.
   */
  revoke(teamId: string): void {
    const lease = this.leases.get(teamId);
    if (!lease) return;
    this.leases.delete(teamId);
    this.retiring.add(lease);
    this.drain(lease);
  }

  /** Changes may have been missed (the feed reconnected): every lease is revoked. */
  revokeAll(): void {
    for (const teamId of [...this.leases.keys()]) this.revoke(teamId);
  }

  /** Gives every lease back. Requests still in flight then count as unheld, as after a crash. */
  async close(): Promise<void> {
    clearInterval(this.timer);
    this.redis.off('ready', this.onReady);
    const leases = [...this.leases.values(), ...this.retiring].filter(granted);
    this.leases.clear();
    this.retiring.clear();
    await Promise.allSettled([
      ...leases.map((lease) => this.holds.returnLease(lease.teamId, lease.id)),
      this.options.changes?.perRequest.close(),
    ]);
  }

  /**
   * Gives a retired lease's spare back to the team, or the whole lease once nothing carved from it
   * is in flight. A top-up still under way is waited for: what it brings goes back as well.
   */
  private drain(lease: Lease): void {
    if (!this.retiring.has(lease)) return;
    if (lease.topUp) {
      void lease.topUp.catch(() => undefined).then(() => this.drain(lease));
      return;
    }
    const onError = (err: unknown) => this.options.onError?.(err);
    if (!granted(lease) || lease.inFlight === 0) {
      this.retiring.delete(lease);
      if (granted(lease)) this.holds.returnLease(lease.teamId, lease.id).catch(onError);
      return;
    }
    const spare = lease.spare;
    lease.spare = 0n;
    // Should this fail, Redis keeps counting those credits until the lease is returned: never fewer.
    if (spare > 0n) this.holds.shrinkLease(lease.teamId, lease.id, spare).catch(onError);
  }

  /** The request's hold is no longer in flight: it leaves its lease's count. */
  private uncarve(requestId: string): Carved | undefined {
    const carved = this.carved.get(requestId);
    if (!carved) return undefined;
    this.carved.delete(requestId);
    carved.lease.inFlight -= 1;
    return carved;
  }

  /** A hold that will not be billed: its estimate is spare again. */
  private giveBack(requestId: string): void {
    const carved = this.uncarve(requestId);
    if (carved) carved.lease.spare += carved.amountMicro;
  }

  private open(teamId: string): Lease {
    const lease: Lease = {
      id: `lease:${this.instance}:${++this.sequence}`,
      teamId,
      spare: 0n,
      inFlight: 0,
      usedAt: 0,
      touchedAt: 0,
      epoch: -1,
      topUp: null,
    };
    this.leases.set(teamId, lease);
    return lease;
  }

  private usable(lease: Lease): boolean {
    return (
      this.redis.status === 'ready' &&
      lease.epoch === this.epoch &&
      performance.now() - lease.touchedAt < this.holds.holdTtl / 2
    );
  }

  private carve(teamId: string, lease: Lease, requestId: string, amountMicro: bigint): void {
    lease.spare -= amountMicro;
    lease.inFlight += 1;
    lease.usedAt = performance.now();
    this.carved.set(requestId, { lease, amountMicro });
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
      const reply = await this.holds.lease(teamId, lease.id, need, this.extraFor(requestMicro), !granted(lease));
      if (reply === 'gone') return this.forget(teamId, lease);
      lease.spare += reply;
      confirmed(lease, epoch);
    };
    const pending = run().finally(() => {
      lease.topUp = null;
    });
    lease.topUp = pending;
    return pending;
  }

  /** Expired or lost with Redis: requests carved from it stay unheld, as after a crash; the next starts over. */
  private forget(teamId: string, lease: Lease): void {
    if (this.leases.get(teamId) === lease) this.leases.delete(teamId);
    this.retiring.delete(lease);
  }

  /** Returns idle leases, drains retired ones and keeps the others alive in Redis. */
  private tick(): void {
    const now = performance.now();
    for (const [teamId, lease] of this.leases) {
      if (lease.topUp) continue;
      if (lease.inFlight === 0 && now - lease.usedAt >= this.idleMs) {
        this.leases.delete(teamId);
        if (granted(lease))
          this.holds.returnLease(teamId, lease.id).catch((err: unknown) => this.options.onError?.(err));
      } else this.keepAlive(lease, now);
    }
    for (const lease of this.retiring) {
      if (lease.topUp) continue;
      this.drain(lease);
      if (this.retiring.has(lease)) this.keepAlive(lease, now);
    }
  }

  private keepAlive(lease: Lease, now: number): void {
    if (!granted(lease) || now - lease.touchedAt < this.holds.holdTtl / 4) return;
    const epoch = this.epoch;
    this.holds.refreshLease(lease.teamId, lease.id).then(
      (alive) => (alive ? confirmed(lease, epoch) : this.forget(lease.teamId, lease)),
      (err: unknown) => this.options.onError?.(err),
    );
  }
}
