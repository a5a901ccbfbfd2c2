import { randomUUID } from 'node:crypto';
import type { UsageEvent } from '@switchyard/contracts';
import { createPrismaClient, type PrismaClient } from '@switchyard/db';
import { CreditHolds } from '@switchyard/holds';
import { LedgerService } from '@switchyard/ledger';
import { createRedis, type RedisClient } from '@switchyard/queue';
import { createScratchDatabase, migrateDatabase, type ScratchDatabase } from '@switchyard/testing';
import { type AdminStack, createTeamWithKey, startAdminStack } from './support/admin-stack';

// Real: billing as a process on a database of its own (so the all-teams sums are this spec's
// alone), Redis holds under its prefix, usage applied by the ledger's own write path.
const DAY = 86_400_000;
let db: ScratchDatabase;
let stack: AdminStack;
let prisma: PrismaClient;
let redis: RedisClient;
let alpha: { teamId: string; keyId: string };
let beta: { teamId: string; keyId: string };

const usage = (owner: { teamId: string; keyId: string }, costMicro: bigint, daysAgo: number): UsageEvent => ({
  v: 1,
  requestId: `req_${randomUUID()}`,
  clientRequestId: null,
  teamId: owner.teamId,
  apiKeyId: owner.keyId,
  model: 'pro-large',
  provider: 'simulated',
  upstreamModel: 'sim-pro-1',
  tier: 'pro',
  taskType: 'code_gen',
  usage: { promptTokens: 10, completionTokens: 5, cachedReadTokens: 0, cacheCreationTokens: 0 },
  costMicro: costMicro.toString(),
  latencyMs: 10,
  status: 'completed',
  occurredAt: new Date(Date.now() - daysAgo * DAY).toISOString(),
});

beforeAll(async () => {
  db = await createScratchDatabase('console_overview');
  await migrateDatabase(db.url);
  stack = await startAdminStack({ DATABASE_URL: db.url });
  prisma = createPrismaClient(db.url, { poolSize: 2 });
  redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'client');
  alpha = await createTeamWithKey(stack, 'Acme Alpha');
  beta = await createTeamWithKey(stack, 'Beta 100% Corp');
  for (const [team, amountMicro] of [
    [alpha, '10000000'],
    [beta, '3000000'],
  ] as const)
    await stack.call('POST', `/teams/${team.teamId}/credits/grants`, {
      body: { amountMicro },
      idempotencyKey: `grant-${team.teamId}`,
    });
  await new LedgerService(prisma).applyUsageEvents([
    usage(alpha, 1_500_000n, 0),
    usage(alpha, 250_000n, 2),
    usage(alpha, 100_000n, 40),
    usage(beta, 500_000n, 0),
  ]);
});

afterAll(async () => {
  await stack?.stop();
  await prisma?.$disconnect();
  redis?.disconnect();
  await db?.drop();
});

describe('GET /admin/v1/overview and the teams list', () => {
  it("sums the ledger's balances, Redis's holds and 30 days of spend; reports failed events and the last reconciliation", async () => {
    expect((await stack.call('GET', '/overview')).body.lastReconciliation).toBeNull();
    expect((await stack.call('GET', '/reconciliation')).body.ok).toBe(true);
    const holds = new CreditHolds(redis, { keyPrefix: stack.redisPrefix }, (teamId) =>
      new LedgerService(prisma).balanceOf(teamId),
    );
    await holds.place(alpha.teamId, 'req_open', 700_000n);

    const { status, body } = await stack.call('GET', '/overview');
    expect(status).toBe(200);
    const ledgerTotal = (await prisma.ledgerEntry.aggregate({ _sum: { amountMicro: true } }))._sum.amountMicro;
    const usageTotal = (await prisma.ledgerEntry.aggregate({ _sum: { amountMicro: true }, where: { kind: 'usage' } }))
      ._sum.amountMicro;
    expect(body).toEqual({
      totalBalanceMicro: String(ledgerTotal),
      totalHeldMicro: '700000',
      spendPerDay: expect.any(Array),
      failedEvents: 0,
      lastReconciliation: { at: expect.any(String), ok: true, drifts: 0 },
    });
    expect(body.totalBalanceMicro).toBe(String(13_000_000n - 2_350_000n));
    const days = body.spendPerDay as { day: string; spentMicro: string }[];
    expect(days).toHaveLength(30);
    expect(days[29]).toEqual({ day: new Date().toISOString().slice(0, 10), spentMicro: '2000000' });
    expect(days[27]).toEqual({ day: new Date(Date.now() - 2 * DAY).toISOString().slice(0, 10), spentMicro: '250000' });
    expect(days.filter((d) => d.spentMicro !== '0')).toHaveLength(2);
    // The ledger's usage debits are the charted spend plus the one older than 30 days.
    expect(String(days.reduce((sum, d) => sum + BigInt(d.spentMicro), 0n) + 100_000n)).toBe(String(-usageTotal!));
  });

  it("gives a team-scoped token its own team's numbers only", async () => {
    const token = (
      await stack.call('POST', '/admin-tokens', { body: { name: 'beta', scope: 'read', teamId: beta.teamId } })
    ).body.token;
    const { body } = await stack.call('GET', '/overview', { token });
    expect(body).toMatchObject({ totalBalanceMicro: '2500000', totalHeldMicro: '0', lastReconciliation: null });
    expect(body.spendPerDay[29].spentMicro).toBe('500000');
  });

  it('lists teams with balance, held, available and a 30-day spend series, searchable by name', async () => {
    const { body } = await stack.call('GET', '/teams');
    expect(body.nextCursor).toBeNull();
    const a = body.teams.find((t: { id: string }) => t.id === alpha.teamId);
    expect(a).toEqual({
      id: alpha.teamId,
      name: 'Acme Alpha',
      status: 'active',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
      balanceMicro: '8150000',
      heldMicro: '700000',
      availableMicro: '7450000',
      spend30d: expect.any(Array),
    });
    expect(a.spend30d).toHaveLength(30);
    expect([a.spend30d[27], a.spend30d[28], a.spend30d[29]]).toEqual(['250000', '0', '1500000']);
    const names = async (q: string) =>
      (await stack.call('GET', `/teams?q=${encodeURIComponent(q)}`)).body.teams.map((t: { name: string }) => t.name);
    expect(await names('ALPHA')).toEqual(['Acme Alpha']);
    expect(await names('100%')).toEqual(['Beta 100% Corp']);
    expect(await names('%')).toEqual(['Beta 100% Corp']);
    expect(await names('_')).toEqual([]);
    const first = await stack.call('GET', '/teams?limit=1');
    const second = await stack.call('GET', `/teams?limit=1&after=${first.body.nextCursor}`);
    expect([...first.body.teams, ...second.body.teams].map((t: { id: string }) => t.id).sort()).toEqual(
      [alpha.teamId, beta.teamId].sort(),
    );
  });
});
