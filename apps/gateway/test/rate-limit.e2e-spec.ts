import { once } from 'node:events';
import { rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrismaClient } from '@switchyard/db';
import { createSimulatedServer } from '@switchyard/providers';
import { type AppProcess, createTestPrisma, startAppProcess, testRedisPrefix, waitFor } from '@switchyard/testing';
import { createTeam, type TeamFixture } from './support/e2e-fixtures';

// Real: two gateway processes and billing sharing Postgres (this run's database) and Redis (one
// prefix), so the limit is enforced across instances. Simulated: the upstream, in this process.
const RPM = 10;
const ATTEMPTS = 30;
const GRANT_MICRO = 100_000_000n;

let simulator: Server;
let billing: AppProcess;
let gateways: AppProcess[];
let prisma: PrismaClient;
let spoolDirs: string[] = [];

beforeAll(async () => {
  prisma = createTestPrisma();
  simulator = createSimulatedServer({});
  simulator.listen(0, '127.0.0.1');
  await once(simulator, 'listening');
  const shared = {
    DATABASE_URL: process.env.DATABASE_URL as string,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: testRedisPrefix('e2e-rl'),
  };
  const gatewayEnv = {
    ...shared,
    SIMULATED_PROVIDER_URL: `http://127.0.0.1:${(simulator.address() as AddressInfo).port}/v1`,
    OPENAI_API_KEY: '',
  };
  spoolDirs = ['a', 'b'].map((name) => `/tmp/sy-spool-${shared.REDIS_PREFIX}-${name}`);
  [billing, ...gateways] = await Promise.all([
    startAppProcess('billing', shared),
    ...spoolDirs.map((dir) => startAppProcess('gateway', { ...gatewayEnv, USAGE_SPOOL_DIR: dir })),
  ]);
}, 90_000);

afterAll(async () => {
  await Promise.all([billing?.stop(), ...(gateways ?? []).map((g) => g.stop())]);
  simulator?.close();
  for (const dir of spoolDirs) rmSync(dir, { recursive: true, force: true });
  await prisma?.$disconnect();
});

async function keyWithLimits(limits: { rpmLimit?: number; tpmLimit?: number }): Promise<TeamFixture> {
  const team = await createTeam(prisma, { grantMicro: GRANT_MICRO });
  await prisma.apiKey.update({ where: { id: team.keyId }, data: limits });
  return team;
}

function chat(gateway: AppProcess, apiKey: string, content = 'Say hello.') {
  return fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], max_tokens: 16 }),
  });
}

/** Fixed one-minute windows: start a burst only when it cannot straddle a window boundary. */
async function awayFromWindowEdge(): Promise<void> {
  const intoWindow = Date.now() % 60_000;
  if (intoWindow > 40_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 200));
}

describe('rate limits across gateway instances', () => {
  it('lets exactly the key RPM limit through two gateways, refuses the rest with 429 and bills only what was served', async () => {
    const team = await keyWithLimits({ rpmLimit: RPM });
    await awayFromWindowEdge();

    const answers = await Promise.all(
      Array.from({ length: ATTEMPTS }, async (_, i) => {
        const res = await chat(gateways[i % 2], team.apiKey);
        return {
          res,
          body: (await res.json()) as Record<string, unknown> & {
            usage?: { credits: string };
            error?: Record<string, unknown>;
          },
        };
      }),
    );

    const served = answers.filter((a) => a.res.status === 200);
    const refused = answers.filter((a) => a.res.status === 429);
    expect(served).toHaveLength(RPM);
    expect(refused).toHaveLength(ATTEMPTS - RPM);
    // Each instance got 15 requests: counted per process, each would have served 10 (20 in all).
    expect(
      served.map((a) => Number(a.res.headers.get('x-ratelimit-remaining-requests'))).sort((a, b) => a - b),
    ).toEqual([...Array(RPM).keys()]);
    for (const { res, body } of [...served, ...refused]) {
      expect(res.headers.get('x-ratelimit-limit-requests')).toBe(String(RPM));
      expect(res.headers.get('x-ratelimit-reset-requests')).toMatch(/^(\d+m)?\d+s$|^\d+ms$/);
      expect(res.headers.get('x-ratelimit-limit-tokens')).toBeNull();
      if (res.status === 429) {
        expect(res.headers.get('x-ratelimit-remaining-requests')).toBe('0');
        const retryAfter = Number(res.headers.get('retry-after'));
        expect(retryAfter).toBeGreaterThanOrEqual(1);
        expect(retryAfter).toBeLessThanOrEqual(60);
        expect(body).toEqual({
          error: {
            message: expect.stringContaining(`${RPM} requests per minute`),
            type: 'rate_limit_exceeded',
            param: null,
            code: 'rate_limit_exceeded',
          },
          message: expect.any(String),
        });
      }
    }

    // 429s never reach the ledger: exactly the served requests are debited, for exactly their cost.
    await waitFor(
      async () => (await prisma.ledgerEntry.count({ where: { teamId: team.teamId, kind: 'usage' } })) >= RPM,
      { timeoutMs: 20_000, describe: 'billing' },
    );
    await new Promise((r) => setTimeout(r, 500));
    expect(await prisma.ledgerEntry.count({ where: { teamId: team.teamId, kind: 'usage' } })).toBe(RPM);
    expect(await prisma.usageRecord.count({ where: { teamId: team.teamId } })).toBe(RPM);
    const charged = served.reduce((sum, a) => sum + BigInt(Math.round(Number(a.body.usage!.credits) * 1_000_000)), 0n);
    const account = await prisma.creditAccount.findUniqueOrThrow({ where: { teamId: team.teamId } });
    expect(account.balanceMicro).toBe(GRANT_MICRO - charged);
  }, 90_000);

  it('refuses a request whose prompt would pass the key TPM limit, and reports the token headers', async () => {
    const team = await keyWithLimits({ tpmLimit: 40 });
    await awayFromWindowEdge();

    const small = await chat(gateways[0], team.apiKey, 'Hi.');
    expect(small.status).toBe(200);
    expect(small.headers.get('x-ratelimit-limit-tokens')).toBe('40');
    const remaining = Number(small.headers.get('x-ratelimit-remaining-tokens'));
    expect(remaining).toBeGreaterThan(0);
    expect(remaining).toBeLessThan(40);
    expect(small.headers.get('x-ratelimit-limit-requests')).toBeNull();

    const large = await chat(gateways[1], team.apiKey, 'word '.repeat(200));
    expect(large.status).toBe(429);
    expect(large.headers.get('x-ratelimit-limit-tokens')).toBe('40');
    expect(((await large.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'rate_limit_exceeded',
      message: expect.stringContaining('exceed your limit of 40 tokens per minute'),
    });
  }, 60_000);
});
