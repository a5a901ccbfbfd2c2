import { ConfigError } from '@switchyard/config';
import { loadGatewayConfig } from './gateway-config';

function problemsOf(rawEnv: Record<string, string>): string[] {
  try {
    loadGatewayConfig(rawEnv);
  } catch (err) {
    if (err instanceof ConfigError) return [...new Set(err.problems.map((p) => p.split(':')[0]))].sort();
    throw err;
  }
  return [];
}

describe(loadGatewayConfig.name, () => {
  it('maps the environment once to a nested, typed, frozen config', () => {
    const config = loadGatewayConfig({
      NODE_ENV: 'production',
      GATEWAY_PORT: '3100',
      REDIS_PREFIX: 'stack-a',
      DOCS_ENABLED: 'false',
      BODY_LIMIT_BYTES: '2048',
      CREDIT_LEASE_REQUESTS: '0',
      USAGE_DELIVERY_WINDOW_MS: '0',
      RATE_LIMIT_TEAM_TPM: '9000',
      STREAM_STALL_TIMEOUT_MS: '1500',
    });
    // The shared part (database, redis, logging…) is serviceConfigFrom's, specified in libs/config.
    expect(config).toMatchObject({
      environment: 'production',
      redis: { prefix: 'stack-a' },
      docs: { enabled: false },
      http: {
        port: 3100,
        host: '127.0.0.1',
        requestTimeoutMs: 30_000,
        keepAliveTimeoutMs: 5_000,
        body: { limitBytes: 2048, maxDepth: 64, maxElements: 100_000 },
      },
      catalog: { path: 'config/catalog.yaml', simulatedProviderUrl: 'http://127.0.0.1:3002/v1' },
      providers: { openAiApiKey: null },
      keys: { cacheTtlMs: 5000 },
      leases: { requestsPerTopUp: 0 },
      usage: { spoolDir: 'var/usage-spool', spoolReplayMs: 5_000, deliveryWindowMs: 0 },
      rateLimits: { keyRpm: 0, keyTpm: 0, teamRpm: 0, teamTpm: 9000 },
      streaming: { stallTimeoutMs: 1500 },
    });
    expect([config, config.http, config.http.body, config.usage, config.holds].every(Object.isFrozen)).toBe(true);
  });

  it('gives the gateway’s CreditHolds the hold lifetime billing reads (HOLD_TTL_MS)', () => {
    const config = loadGatewayConfig({ REDIS_PREFIX: 'stack-a', HOLD_TTL_MS: '900000' });
    expect(config.holds).toEqual({ keyPrefix: 'stack-a', holdTtlMs: 900_000 });
  });

  it('lists every bad variable at once', () => {
    expect(problemsOf({ GATEWAY_PORT: 'eighty', BODY_LIMIT_BYTES: '10', DOCS_ENABLED: 'yes' })).toEqual([
      'BODY_LIMIT_BYTES',
      'DOCS_ENABLED',
      'GATEWAY_PORT',
    ]);
  });
});
