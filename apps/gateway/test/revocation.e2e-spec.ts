import { randomBytes } from 'node:crypto';
import { type AppProcess, startAppProcess, testRedisPrefix, waitFor } from '@switchyard/testing';

// Real: billing (admin API) and TWO gateways as processes, Postgres, Redis pub/sub. The key cache
// TTL is a minute, so only the revocation broadcast can make a gateway refuse a key within 1 s.
// Delays count from the moment the admin call returns (the change is committed and broadcast):
// what is measured is propagation, not how long the admin transaction took on a busy machine.
const redisPrefix = testRedisPrefix('revocation-e2e');
const adminToken = `root-${randomBytes(24).toString('hex')}`;
let billing: AppProcess;
let gateways: AppProcess[];

beforeAll(async () => {
  const shared = {
    DATABASE_URL: process.env.DATABASE_URL as string,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: redisPrefix,
  };
  const gatewayEnv = {
    ...shared,
    KEY_CACHE_TTL_MS: '60000',
    OPENAI_API_KEY: '',
    SIMULATED_PROVIDER_URL: 'http://127.0.0.1:9/v1',
  };
  [billing, ...gateways] = await Promise.all([
    startAppProcess('billing', { ...shared, ADMIN_TOKEN: adminToken }),
    startAppProcess('gateway', gatewayEnv),
    startAppProcess('gateway', gatewayEnv),
  ]);
});

afterAll(async () => {
  await Promise.all([billing, ...(gateways ?? [])].filter(Boolean).map((p) => p.stop()));
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

async function admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${billing.url}/admin/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${adminToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json() };
}

async function statusOn(gateway: AppProcess, apiKey: string): Promise<number> {
  const res = await fetch(`${gateway.url}/v1/models`, { headers: { authorization: `Bearer ${apiKey}` } });
  await res.arrayBuffer();
  return res.status;
}

async function teamWithKey() {
  const team = await admin('POST', '/teams', { name: `rev-${randomBytes(3).toString('hex')}` });
  const key = await admin('POST', `/teams/${team.body.id}/keys`, { name: 'k' });
  return { teamId: team.body.id as string, keyId: key.body.id as string, apiKey: key.body.key as string };
}

/** Polls every gateway until it refuses the key; resolves with each one's delay after `since`. */
async function refusalDelays(apiKey: string, since: number): Promise<number[]> {
  return Promise.all(
    gateways.map(async (gateway) => {
      const refused = await waitFor(
        async () => (await statusOn(gateway, apiKey)) === 401 && { afterMs: Date.now() - since },
        { timeoutMs: 5_000, intervalMs: 10, describe: `${gateway.url} to refuse the key` },
      );
      return refused.afterMs;
    }),
  );
}

describe('key revocation across gateways', () => {
  it('refuses a revoked key on both gateways within 1 s of the revocation', async () => {
    const { teamId, keyId, apiKey } = await teamWithKey();
    // Both gateways have the key cached (for a minute) before it is revoked.
    expect(await Promise.all(gateways.map((g) => statusOn(g, apiKey)))).toEqual([200, 200]);

    const revoked = await admin('POST', `/teams/${teamId}/keys/${keyId}/revoke`);
    const revokedAt = Date.now();
    expect(revoked).toMatchObject({ status: 200, body: { id: keyId, status: 'revoked' } });
    const delays = await refusalDelays(apiKey, revokedAt);

    expect(Math.max(...delays)).toBeLessThan(1_000);
    const res = await fetch(`${gateways[0].url}/v1/models`, { headers: { authorization: `Bearer ${apiKey}` } });
    expect(((await res.json()) as Json).error).toEqual({
      message: 'This API key has been revoked.',
      type: 'authentication_error',
      param: null,
      code: 'invalid_api_key',
    });
  });

  it('refuses the old key after a rotation and accepts the new one, on both gateways', async () => {
    const { teamId, keyId, apiKey } = await teamWithKey();
    expect(await Promise.all(gateways.map((g) => statusOn(g, apiKey)))).toEqual([200, 200]);
    const rotated = await admin('POST', `/teams/${teamId}/keys/${keyId}/rotate`);
    const rotatedAt = Date.now();
    const delays = await refusalDelays(apiKey, rotatedAt);
    expect(Math.max(...delays)).toBeLessThan(1_000);
    expect(await Promise.all(gateways.map((g) => statusOn(g, rotated.body.key)))).toEqual([200, 200]);
  });

  it("stops a disabled team's keys on both gateways within 1 s, and lets them work again once enabled", async () => {
    const { teamId, apiKey } = await teamWithKey();
    expect(await Promise.all(gateways.map((g) => statusOn(g, apiKey)))).toEqual([200, 200]);
    expect((await admin('POST', `/teams/${teamId}/disable`)).body.status).toBe('disabled');
    const disabledAt = Date.now();
    expect(Math.max(...(await refusalDelays(apiKey, disabledAt)))).toBeLessThan(1_000);

    await admin('POST', `/teams/${teamId}/enable`);
    // The refusal is cached for at most the negative-cache TTL (1 s) where no broadcast reached it.
    const statuses = await waitFor(
      async () => {
        const answered = await Promise.all(gateways.map((g) => statusOn(g, apiKey)));
        return answered.every((s) => s === 200) && answered;
      },
      { timeoutMs: 3_000, describe: 'every gateway to serve the re-enabled team' },
    );
    expect(statuses).toEqual([200, 200]);
  });

  it('refuses admin tokens on /v1: they are not API keys', async () => {
    for (const gateway of gateways) {
      const res = await fetch(`${gateway.url}/v1/models`, { headers: { authorization: `Bearer ${adminToken}` } });
      expect(res.status).toBe(401);
      expect(((await res.json()) as Json).error.code).toBe('invalid_api_key');
    }
  });
});
