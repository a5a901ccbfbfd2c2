import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma, type PrivateServer, startPrivateRedis } from '@switchyard/testing';
import { type AdminStack, createTeamWithKey, startAdminStack } from './support/admin-stack';

// Real: billing as a process (admin API) on a private redis-server that this test stops, Postgres.
// A downward adjustment binds on the gateways through Redis before it commits: without Redis it is
// refused with nothing written. A grant needs no such step: it commits, and is cached once Redis is back.
describe('admin API: credit changes while Redis is down', () => {
  let redis: PrivateServer;
  let stack: AdminStack;
  let prisma: PrismaClient;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    stack = await startAdminStack({ REDIS_URL: redis.url });
    prisma = createTestPrisma();
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
    await prisma?.$disconnect();
    await redis?.destroy();
  });

  const credit = (teamId: string, kind: 'grants' | 'adjustments', body: unknown) =>
    stack.call('POST', `/teams/${teamId}/credits/${kind}`, { idempotencyKey: randomUUID(), body });

  it('refuses a downward adjustment with nothing committed, and still commits a grant', async () => {
    const { teamId } = await createTeamWithKey(stack);
    expect((await credit(teamId, 'grants', { amountMicro: '10000000' })).status).toBe(201);
    await redis.stop('kill');

    const down = await credit(teamId, 'adjustments', { amountMicro: '-5000000', memo: 'chargeback' });
    expect(down.status).toBe(503);
    expect(down.body.error).toMatchObject({ code: 'service_unavailable' });
    expect(await prisma.ledgerEntry.count({ where: { teamId } })).toBe(1);
    expect(await prisma.adminAuditLog.count({ where: { teamId, action: 'credits.adjustment' } })).toBe(0);

    const up = await credit(teamId, 'grants', { amountMicro: '1000000' });
    expect(up.status).toBe(201);
    expect(up.body.entry).toMatchObject({ kind: 'grant', balanceAfterMicro: '11000000' });
    await redis.start();
  }, 60_000);
});
