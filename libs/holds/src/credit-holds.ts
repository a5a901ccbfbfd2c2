import { InsufficientCreditsError, ServiceUnavailableError } from '@switchyard/contracts';
import {
  CREDIT_HOLD_DEFAULTS,
  MAX_HOLD_MICRO,
  type CreditAccountLoader,
  type CreditAccountState,
  type CreditHoldsOptions,
  type CreditSnapshot,
  type LeasedEstimate,
  type RequestHolds,
} from './credit-holds.types';
import { creditKeysOf } from './credit-keys.util';
import { HOLDS_COMMANDS, type HoldsCommand } from './holds-commands.constants';
import { readStoredHolds, type StoredHolds } from './stored-holds.util';
import type { RedisClient } from '@switchyard/queue';

/**
 * Per-team credit holds in Redis, so concurrent requests cannot spend the same credits.
 * Available = cached balance − live holds; each operation is one atomic script.
 * A hold lives from place() (estimate) through settle() (exact cost, request billed soon)
 * until applyLedger() reports the debit committed, or release() drops it for a failed request.
 * A pending hold counts for holdTtlMs unless refreshed (refreshPending): PerRequestHolds keeps
 * those of a gateway's open requests alive, so only a gone gateway's holds expire.
 * A gateway's lease (lease, refreshLease, returnLease) is one more hold of the same kind that
 * covers many requests at once; CreditLeases carves the requests' holds from it.
 */
export class CreditHolds implements RequestHolds {
  /** How long a pending hold (or a lease) counts if nobody settles, releases or refreshes it, in ms. */
  readonly holdTtl: number;
  private readonly keyPrefix: string;
  private readonly holdTtlMs: string;
  private readonly settledTtlMs: string;
  private readonly appliedTtlMs: string;
  private readonly balanceTtlMs: string;
  /** Outlives every hold written with it, so a team's hold keys vanish only once all are expired. */
  private readonly holdKeysTtlMs: string;
  private readonly loads = new Map<string, Promise<CreditAccountState | null>>();

  constructor(
    private readonly redis: RedisClient,
    options: CreditHoldsOptions,
    private readonly loadAccount: CreditAccountLoader,
  ) {
    if (options.keyPrefix.includes('{'))
      throw new RangeError("keyPrefix must not contain '{' (the team id is the hash tag)");
    HOLDS_COMMANDS.define(redis);
    const holdTtlMs = options.holdTtlMs ?? CREDIT_HOLD_DEFAULTS.holdTtlMs;
    const settledTtlMs = options.settledTtlMs ?? CREDIT_HOLD_DEFAULTS.settledTtlMs;
    this.keyPrefix = options.keyPrefix;
    this.holdTtl = holdTtlMs;
    this.holdTtlMs = String(holdTtlMs);
    this.settledTtlMs = String(settledTtlMs);
    const appliedTtlMs = options.appliedTtlMs ?? CREDIT_HOLD_DEFAULTS.appliedTtlMs;
    this.appliedTtlMs = String(appliedTtlMs);
    this.balanceTtlMs = String(options.balanceTtlMs ?? CREDIT_HOLD_DEFAULTS.balanceTtlMs);
    this.holdKeysTtlMs = String(Math.max(holdTtlMs, settledTtlMs, appliedTtlMs) + 1_000);
  }

  /** Reserves `amountMicro` for the request, or throws InsufficientCreditsError. Idempotent per request id. */
  async place(teamId: string, requestId: string, amountMicro: bigint): Promise<void> {
    const amount = checkedAmount(amountMicro, 'amountMicro');
    const args = [requestId, amount, this.holdTtlMs, this.holdKeysTtlMs];
    let reply = (await this.run('placeHold', teamId, args)) as string[];
    if (reply[0] === 'MISS')
      reply = await this.withAccount(teamId, (seed) => this.run('placeHold', teamId, [...args, ...seed]));
    if (reply[0] === 'NSF') throw new InsufficientCreditsError();
    if (reply[0] !== 'OK')
      throw new ServiceUnavailableError('Credit check failed.', new Error(`Unexpected reply ${String(reply[0])}`));
  }

  /**
   * The request's usage event was emitted: its hold becomes exactly the cost until billing applies
   * the debit. A request carved from a lease (`leased`) takes its estimate out of that lease.
   */
  async settle(teamId: string, requestId: string, costMicro: bigint, leased?: LeasedEstimate): Promise<void> {
    const cost = checkedAmount(costMicro, 'costMicro');
    const args = [requestId, cost, this.settledTtlMs, this.holdKeysTtlMs];
    if (leased) args.push(leased.leaseId, checkedAmount(leased.estimateMicro, 'estimateMicro'));
    await this.run('settleHold', teamId, args);
  }

  /** The request failed and will not be billed: drops its pending hold. A settled hold is kept, as it will be billed. */
  async release(teamId: string, requestId: string): Promise<void> {
    await this.run('releaseHold', teamId, [requestId, 'P']);
  }

  /** Nothing to give back: every hold is its own request's. */
  async close(): Promise<void> {}

  /**
   * Gives the pending holds of these open requests another hold lifetime, in one script for the
   * team (PerRequestHolds calls it for the requests it placed); returns how many it extended.
   */
  async refreshPending(teamId: string, requestIds: readonly string[]): Promise<number> {
    if (requestIds.length === 0) return 0;
    return Number(await this.run('refreshPendingHolds', teamId, [this.holdTtlMs, this.holdKeysTtlMs, ...requestIds]));
  }

  /**
   * Grows the lease `leaseId` by `needMicro` plus up to `extraMicro` (at most half of what the team
   * has spare beyond the need) and returns the amount granted, or 'gone' when a lease that is not
   * `fresh` no longer exists. Throws InsufficientCreditsError when the team cannot cover `needMicro`.
   */
  async lease(
    teamId: string,
    leaseId: string,
    needMicro: bigint,
    extraMicro: bigint,
    fresh: boolean,
  ): Promise<bigint | 'gone'> {
    const args = [
      leaseId,
      checkedAmount(needMicro, 'needMicro'),
      checkedAmount(extraMicro, 'extraMicro'),
      this.holdTtlMs,
      this.holdKeysTtlMs,
      fresh ? '1' : '0',
    ];
    let reply = (await this.run('growLease', teamId, args)) as string[];
    if (reply[0] === 'MISS')
      reply = await this.withAccount(teamId, (seed) => this.run('growLease', teamId, [...args, ...seed]));
    if (reply[0] === 'OK') return BigInt(reply[1]);
    if (reply[0] === 'GONE') return 'gone';
    if (reply[0] === 'NSF') throw new InsufficientCreditsError();
    throw new ServiceUnavailableError('Credit check failed.', new Error(`Unexpected reply ${String(reply[0])}`));
  }

  /** Extends a lease in use by another hold lifetime; false if it no longer exists. */
  async refreshLease(teamId: string, leaseId: string): Promise<boolean> {
    return (await this.run('refreshLease', teamId, [leaseId, this.holdTtlMs, this.holdKeysTtlMs])) === 'OK';
  }

  /** Gives `amountMicro` of a lease back to the team (a revoked lease's spare); false if it no longer exists. */
  async shrinkLease(teamId: string, leaseId: string, amountMicro: bigint): Promise<boolean> {
    const amount = checkedAmount(amountMicro, 'amountMicro');
    return (await this.run('shrinkLease', teamId, [leaseId, amount])) === 'OK';
  }

  /** Gives a lease back whole, whatever it still holds. */
  async returnLease(teamId: string, leaseId: string): Promise<void> {
    await this.run('releaseHold', teamId, [leaseId, 'L']);
  }

  /**
   * Billing committed ledger entries: caches the balance if `lastEntryId` is newer than the
   * cached one, and drops the holds of the requests those entries debited (a later settle
   * of the same request is then a no-op).
   */
  async applyLedger(
    teamId: string,
    balanceMicro: bigint,
    lastEntryId: bigint,
    appliedRequestIds: readonly string[],
  ): Promise<void> {
    const seed = this.accountArgs({ balanceMicro, lastEntryId });
    await this.run('applyLedger', teamId, [
      seed[0],
      seed[1],
      this.balanceTtlMs,
      this.appliedTtlMs,
      this.holdKeysTtlMs,
      ...appliedRequestIds,
    ]);
  }

  /** Balance, held and available credits, loading the balance if it is not cached. */
  async snapshot(teamId: string): Promise<CreditSnapshot> {
    let reply = (await this.run('snapshotCredits', teamId, [])) as string[];
    if (reply[0] === 'MISS')
      reply = await this.withAccount(teamId, (seed) => this.run('snapshotCredits', teamId, seed));
    if (reply[0] !== 'OK')
      throw new ServiceUnavailableError('Credit check failed.', new Error(`Unexpected reply ${String(reply[0])}`));
    const balanceMicro = BigInt(reply[1]);
    const heldMicro = BigInt(reply[2]);
    return { balanceMicro, heldMicro, availableMicro: balanceMicro - heldMicro };
  }

  /**
   * What each team has held now, by team id: for operators, whose balances come from Postgres, so
   * no balance is loaded into the cache. One script per team, sent together (one round trip).
   */
  async heldOf(teamIds: readonly string[]): Promise<Map<string, bigint>> {
    const held = await Promise.all(teamIds.map((teamId) => this.run('heldCredits', teamId, [])));
    return new Map(teamIds.map((teamId, i) => [teamId, BigInt(held[i] as string)]));
  }

  /**
   * Loads the account from Postgres and runs `script` with it as seed arguments. Concurrent cold
   * callers share one load, kept until the first seeded script has answered: replies on one
   * connection arrive in order, so any MISS that arrives before then reuses the load and none
   * can arrive after it.
   */
  private async withAccount(teamId: string, script: (seed: string[]) => Promise<unknown>): Promise<string[]> {
    const shared = this.loads.get(teamId);
    if (shared) return (await script(this.seedArgs(await shared))) as string[];
    const pending = this.loadAccount(teamId).catch((error: unknown) => {
      throw new ServiceUnavailableError('Credit balance is unavailable.', error);
    });
    this.loads.set(teamId, pending);
    try {
      return (await script(this.seedArgs(await pending))) as string[];
    } finally {
      this.loads.delete(teamId);
    }
  }

  /** The account as script arguments; an unknown account cannot pay for anything. */
  private seedArgs(account: CreditAccountState | null): string[] {
    if (!account) throw new InsufficientCreditsError('This team has no credit account.');
    return [...this.accountArgs(account), this.balanceTtlMs];
  }

  private accountArgs(account: CreditAccountState): [string, string] {
    const { balanceMicro, lastEntryId } = account;
    if (balanceMicro > MAX_HOLD_MICRO || balanceMicro < -MAX_HOLD_MICRO)
      throw new RangeError(`balanceMicro out of range: ${balanceMicro}`);
    if (lastEntryId < 0n) throw new RangeError(`lastEntryId must not be negative: ${lastEntryId}`);
    return [balanceMicro.toString(), lastEntryId.toString()];
  }

  /**
   * The team's holds as stored, expired ones included (read-only: for reconciliation, which
   * reports holds that outlived their request). `nowMs` is Redis's clock, as expiries are.
   */
  async holdsOf(teamId: string): Promise<StoredHolds> {
    return readStoredHolds(this.redis, this.keysOf(teamId));
  }

  private keysOf(teamId: string): string[] {
    return creditKeysOf(this.keyPrefix, teamId);
  }

  private async run(command: HoldsCommand, teamId: string, args: readonly string[]): Promise<unknown> {
    const keys = this.keysOf(teamId);
    try {
      return await HOLDS_COMMANDS.run(this.redis, command, keys, args);
    } catch (error) {
      throw new ServiceUnavailableError('Credit holds are unavailable.', error);
    }
  }
}

function checkedAmount(amountMicro: bigint, name: string): string {
  if (amountMicro < 0n || amountMicro > MAX_HOLD_MICRO)
    throw new RangeError(`${name} must be within 0..${MAX_HOLD_MICRO}: ${amountMicro}`);
  return amountMicro.toString();
}
