import { ConfigError } from '@switchyard/config';
import { loadBillingConfig, trustProxyOf } from './billing-config';

describe(loadBillingConfig.name, () => {
  it('maps the environment once to a nested, typed, frozen config', () => {
    const config = loadBillingConfig({
      NODE_ENV: 'production',
      BILLING_PORT: '4001',
      BILLING_HOST: '127.0.0.1',
      REDIS_PREFIX: 'stack-a',
      ADMIN_TOKEN: 'root-token-of-at-least-24-chars',
      BILLING_BATCH_WAIT_MS: '20',
      DOCS_ENABLED: 'false',
    });
    // The shared part (database, redis, logging…) is serviceConfigFrom's, specified in libs/config.
    expect(config).toMatchObject({
      environment: 'production',
      redis: { prefix: 'stack-a' },
      docs: { enabled: false },
      http: { port: 4001, host: '127.0.0.1' },
      admin: { bootstrapToken: 'root-token-of-at-least-24-chars' },
      usage: { concurrency: 1_000, batchSize: 500, batchWaitMs: 20, batchesInFlight: 2 },
    });
    expect([Object.isFrozen(config), Object.isFrozen(config.usage), Object.isFrozen(config.redis)]).toEqual([
      true,
      true,
      true,
    ]);
  });

  it('gives billing’s CreditHolds the hold lifetime the gateways read (HOLD_TTL_MS)', () => {
    const config = loadBillingConfig({ REDIS_PREFIX: 'stack-a', HOLD_TTL_MS: '900000' });
    expect(config.holds).toEqual({ keyPrefix: 'stack-a', holdTtlMs: 900_000 });
  });

  it('reads the console settings and TRUST_PROXY as Express takes it', () => {
    const config = loadBillingConfig({ TRUST_PROXY: '1', CONSOLE_SESSION_TTL_MS: '5000', CONSOLE_DIR: '/srv/console' });
    expect(config.console).toEqual({
      dir: '/srv/console',
      sessionTtlMs: 5_000,
      signIn: { limit: 10, windowMs: 60_000 },
    });
    expect(config.http.trustProxy).toBe(1);
    expect(loadBillingConfig({}).console.sessionTtlMs).toBe(8 * 3_600_000);
    expect(['', 'false', 'true', 'loopback, 10.0.0.0/8'].map(trustProxyOf)).toEqual([
      false,
      false,
      true,
      'loopback, 10.0.0.0/8',
    ]);
  });

  it('has no bootstrap token unless ADMIN_TOKEN is set', () => {
    expect(loadBillingConfig({}).admin.bootstrapToken).toBeNull();
  });

  it('lists every bad variable at once', () => {
    const problems = (() => {
      try {
        loadBillingConfig({
          BILLING_PORT: 'eighty',
          BILLING_BATCH_SIZE: '0',
          DOCS_ENABLED: 'yes',
          ADMIN_TOKEN: 'short',
        });
      } catch (err) {
        if (err instanceof ConfigError) return err.problems;
        throw err;
      }
      return [];
    })();
    expect([...new Set(problems.map((p) => p.split(':')[0]))].sort()).toEqual([
      'ADMIN_TOKEN',
      'BILLING_BATCH_SIZE',
      'BILLING_PORT',
      'DOCS_ENABLED',
    ]);
  });
});
