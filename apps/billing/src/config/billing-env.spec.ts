import { validateEnv } from '@switchyard/config';
import { holdsConfig } from '@switchyard/holds';
import { BillingEnv } from './billing-env';

describe(BillingEnv.name, () => {
  it('gives billing’s CreditHolds the hold lifetime the gateways read (HOLD_TTL_MS)', () => {
    const env = validateEnv(BillingEnv, { REDIS_PREFIX: 'stack-a', HOLD_TTL_MS: '900000' });
    expect(holdsConfig(env)).toEqual({ keyPrefix: 'stack-a', holdTtlMs: 900_000 });
  });
});
