import { randomUUID } from 'node:crypto';
import type { UsageEvent } from '@switchyard/contracts';
import type { PrismaClient } from '@switchyard/db';
import { LedgerService } from '@switchyard/ledger';
import { createTestPrisma } from '@switchyard/testing';
import { type AdminStack, createTeamWithKey, startAdminStack } from './support/admin-stack';

// Real: billing as a process, Postgres; usage applied by the ledger's own write path.
let stack: AdminStack;
let prisma: PrismaClient;
let team: { teamId: string; keyId: string };
let secondKeyId: string;

const day = (iso: string) => `${iso}T12:00:00.000Z`;
function event(
  keyId: string,
  model: string,
  tier: UsageEvent['tier'],
  taskType: UsageEvent['taskType'],
  cost: number,
  at: string,
): UsageEvent {
  return {
    v: 1,
    requestId: `req_${randomUUID()}`,
    clientRequestId: null,
    teamId: team.teamId,
    apiKeyId: keyId,
    model,
    provider: 'simulated',
    upstreamModel: 'sim-1',
    tier,
    taskType,
    usage: { promptTokens: 10, completionTokens: 5, cachedReadTokens: 0, cacheCreationTokens: 0 },
    costMicro: String(cost),
    latencyMs: 10,
    status: 'completed',
    occurredAt: day(at),
  };
}

beforeAll(async () => {
  stack = await startAdminStack();
  prisma = createTestPrisma();
  team = await createTeamWithKey(stack, 'usage-team');
  secondKeyId = (await stack.call('POST', `/teams/${team.teamId}/keys`, { body: { name: 'k2' } })).body.id;
  await stack.call('POST', `/teams/${team.teamId}/credits/grants`, {
    body: { amountMicro: '100000000' },
    idempotencyKey: `usage-${team.teamId}`,
  });
  await new LedgerService(prisma).applyUsageEvents([
    event(team.keyId, 'pro-large', 'pro', 'code_gen', 300, '2026-03-01'),
    event(team.keyId, 'core-small', 'core', 'simple_chat', 20, '2026-03-01'),
    event(secondKeyId, 'core-small', 'core', null, 30, '2026-03-02'),
    event(secondKeyId, 'pro-large', 'pro', 'code_gen', 500, '2026-03-02'),
    event(secondKeyId, 'pro-large', 'pro', 'summarize', 100, '2026-03-02'),
  ]);
});

afterAll(async () => {
  await stack?.stop();
  await prisma?.$disconnect();
});

const rows = async (query: string) => {
  const res = await stack.call('GET', `/teams/${team.teamId}/usage?${query}`);
  expect(res.status).toBe(200);
  return res.body.rows as { day?: string; group: string | null; requests: number; costMicro: string }[];
};
const brief = (r: { day?: string; group: string | null; requests: number; costMicro: string }) =>
  [r.day, r.group, r.requests, r.costMicro].filter((v) => v !== undefined);

describe('GET /admin/v1/teams/:teamId/usage for the console', () => {
  it('splits usage by day and tier, and by day and model, oldest day first', async () => {
    expect((await rows('groupBy=day_tier')).map(brief)).toEqual([
      ['2026-03-01', 'core', 1, '20'],
      ['2026-03-01', 'pro', 1, '300'],
      ['2026-03-02', 'core', 1, '30'],
      ['2026-03-02', 'pro', 2, '600'],
    ]);
    expect((await rows('groupBy=day_model&from=2026-03-02T00:00:00Z')).map(brief)).toEqual([
      ['2026-03-02', 'core-small', 1, '30'],
      ['2026-03-02', 'pro-large', 2, '600'],
    ]);
    expect((await rows('groupBy=tier')).map(brief)).toEqual([
      ['core', 2, '50'],
      ['pro', 3, '900'],
    ]);
  });

  it('answers the top models, keys and task types, the costliest first', async () => {
    expect((await rows('groupBy=model&top=1')).map(brief)).toEqual([['pro-large', 3, '900']]);
    expect((await rows('groupBy=key&top=5')).map(brief)).toEqual([
      [secondKeyId, 3, '630'],
      [team.keyId, 2, '320'],
    ]);
    expect((await rows('groupBy=task_type&top=2')).map(brief)).toEqual([
      ['code_gen', 2, '800'],
      ['summarize', 1, '100'],
    ]);
    for (const bad of ['groupBy=day_color', 'groupBy=model&top=0', 'groupBy=model&top=101'])
      expect((await stack.call('GET', `/teams/${team.teamId}/usage?${bad}`)).status).toBe(400);
  });
});
