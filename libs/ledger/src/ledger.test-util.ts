import { randomUUID } from 'node:crypto';
import type { UsageEvent } from '@switchyard/contracts';
import { createPrismaClient, type PrismaClient } from '@switchyard/db';
import { usageEventFixture } from '@switchyard/testing';
import { LedgerService } from './ledger.service';

/** The ledger on the per-run database (jest's global setup): opened before the spec file's tests, closed after. */
export function useLedgerDatabase(): { prisma: PrismaClient; ledger: LedgerService } {
  const db = {} as { prisma: PrismaClient; ledger: LedgerService };
  beforeAll(() => {
    db.prisma = createPrismaClient(process.env.DATABASE_URL as string);
    db.ledger = new LedgerService(db.prisma);
  });
  afterAll(() => db.prisma.$disconnect());
  return db;
}

/** A team with one key and, when `grantMicro` is positive, a grant: the owner of the usage events below. */
export async function createOwner(
  prisma: PrismaClient,
  ledger: LedgerService,
  grantMicro = 0n,
): Promise<{ teamId: string; apiKeyId: string }> {
  const team = await prisma.team.create({ data: { name: `ledger-spec-${randomUUID()}` } });
  const key = await prisma.apiKey.create({
    data: { teamId: team.id, name: 'spec', keyHash: randomUUID(), displayPrefix: 'sy_live_spec' },
  });
  if (grantMicro > 0n) await ledger.grant(team.id, grantMicro, { idempotencyKey: `spec:${team.id}`, actor: 'spec' });
  return { teamId: team.id, apiKeyId: key.id };
}

export function ledgerUsageEvent(
  owner: { teamId: string; apiKeyId: string },
  costMicro: bigint,
  requestId: string = randomUUID(),
): UsageEvent {
  return usageEventFixture({
    requestId,
    ...owner,
    taskType: 'summarize',
    usage: { promptTokens: 100, completionTokens: 20, cachedReadTokens: 0, cacheCreationTokens: 0 },
    costMicro: costMicro.toString(),
    latencyMs: 42,
    occurredAt: '2025-06-01T12:00:00.000Z',
  });
}
