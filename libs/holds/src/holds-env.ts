import { ServiceEnv } from '@switchyard/config';
import { IsInt, Min } from 'class-validator';
import { CREDIT_HOLD_DEFAULTS } from './credit-holds.types';

/**
 * What every process that builds CreditHolds reads (the gateway places holds and leases; billing
 * applies debits to them and reconciles them), so both get the same lifetimes from the same
 * variables with the same defaults. Each app's env DTO extends it.
 */
export class HoldsEnv extends ServiceEnv {
  /**
   * How long a hold or a credit lease counts once nobody refreshes it (its gateway died), in ms.
   * Every write keeps a team's hold keys alive for longer than this.
   */
  @IsInt()
  @Min(1000)
  HOLD_TTL_MS: number = CREDIT_HOLD_DEFAULTS.holdTtlMs;
}
