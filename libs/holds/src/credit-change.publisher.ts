import { ServiceUnavailableError } from '@switchyard/contracts';
import { creditChangeChannel } from './credit-change.constants';
import { CREDIT_HOLD_DEFAULTS, MAX_HOLD_MICRO } from './credit-holds.types';
import { creditKeysOf } from './credit-keys.util';
import { HOLDS_COMMANDS } from './holds-commands.constants';
import type { RedisClient } from '@switchyard/queue';

/**
 * Billing's side of credit changes that must bind at once. A lower balance (a downward
 * adjustment) is cached in Redis, the held total read and every gateway told, in one atomic
 * script, while the adjustment's transaction still holds the account lock: gateways then give
 * back their leases' spare (CreditLeases.revoke), and anything reserved after that instant is
 * checked against the new balance. So the balance can end below the new one by at most what was
 * held at that instant. A disabled team is announced the same way, without a balance.
 */
export class CreditChangePublisher {
  private readonly channel: string;

  constructor(
    private readonly redis: RedisClient,
    private readonly keyPrefix: string,
    private readonly balanceTtlMs: number = CREDIT_HOLD_DEFAULTS.balanceTtlMs,
  ) {
    this.channel = creditChangeChannel(keyPrefix);
    HOLDS_COMMANDS.define(redis);
  }

  /** Makes `balanceMicro` (as of ledger entry `lastEntryId`) binding; returns what was held at that instant. */
  async lowerBalance(teamId: string, balanceMicro: bigint, lastEntryId: bigint): Promise<bigint> {
    if (balanceMicro > MAX_HOLD_MICRO || balanceMicro < -MAX_HOLD_MICRO)
      throw new RangeError(`balanceMicro out of range: ${balanceMicro}`);
    const args = [balanceMicro.toString(), lastEntryId.toString(), String(this.balanceTtlMs), this.channel, teamId];
    try {
      const keys = creditKeysOf(this.keyPrefix, teamId);
      return BigInt((await HOLDS_COMMANDS.run(this.redis, 'lowerBalance', keys, args)) as string);
    } catch (error) {
      throw new ServiceUnavailableError('The gateways could not be told of the new balance.', error);
    }
  }

  /** Tells every gateway to give back the team's leases (a disabled team spends nothing more). */
  async announce(teamId: string): Promise<void> {
    await this.redis.publish(this.channel, teamId);
  }

  /**
   * Drops the team's cached balance, so the gateways load it from Postgres again: after a change
   * whose lower balance was cached but whose transaction did not commit.
   */
  async forgetBalance(teamId: string): Promise<void> {
    await this.redis.del(creditKeysOf(this.keyPrefix, teamId)[0]);
  }
}
