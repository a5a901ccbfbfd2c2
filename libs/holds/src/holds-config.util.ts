import type { CreditHoldsOptions } from './credit-holds.types';
import type { HoldsEnv } from './holds-env';

/** CreditHolds' options from the validated env: the one mapping the gateway and billing share. */
export function holdsConfig(env: Pick<HoldsEnv, 'REDIS_PREFIX' | 'HOLD_TTL_MS'>): Readonly<CreditHoldsOptions> {
  return Object.freeze({ keyPrefix: env.REDIS_PREFIX, holdTtlMs: env.HOLD_TTL_MS });
}
