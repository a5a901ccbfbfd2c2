import { validateEnv } from '@switchyard/config';
import { CREDIT_HOLD_DEFAULTS } from './credit-holds.types';
import { holdsConfig } from './holds-config.util';
import { HoldsEnv } from './holds-env';

describe(holdsConfig.name, () => {
  it('reads the key prefix and the hold lifetime from the environment', () => {
    const env = validateEnv(HoldsEnv, { REDIS_PREFIX: 'stack-a', HOLD_TTL_MS: '900000' });
    expect(holdsConfig(env)).toEqual({ keyPrefix: 'stack-a', holdTtlMs: 900_000 });
  });

  it('defaults the hold lifetime to CreditHolds’ own default', () => {
    expect(holdsConfig(validateEnv(HoldsEnv, {}))).toEqual({
      keyPrefix: 'sy',
      holdTtlMs: CREDIT_HOLD_DEFAULTS.holdTtlMs,
    });
  });

  it('refuses a hold lifetime under a second', () => {
    expect(() => validateEnv(HoldsEnv, { HOLD_TTL_MS: '999' })).toThrow(/HOLD_TTL_MS/);
  });
});
