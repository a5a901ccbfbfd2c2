import type { PrismaClient } from '@switchyard/db';
import { CreditHolds } from '@switchyard/holds';
import { LedgerService } from '@switchyard/ledger';
import { createRedis, type RedisClient } from '@switchyard/queue';
import { createTestPrisma } from '@switchyard/testing';
import { type AdminStack, startAdminStack } from './admin-stack';

/** Billing's admin API, and the gateways' side of the ledger on the same database and prefix. */
export interface AdminStackWithHolds {
  stack: AdminStack;
  prisma: PrismaClient;
  redis: RedisClient;
  /** The balance cache the gateways read, loaded from the ledger as theirs is. */
  holds: CreditHolds;
}

/**
 * Registers the beforeAll that starts the admin stack and the gateways' side, and the afterAll that stops them;
 * the fields are set once beforeAll ran.
 */
export function useAdminStackWithHolds(): AdminStackWithHolds {
  const billing = {} as AdminStackWithHolds;
  beforeAll(async () => {
    billing.stack = await startAdminStack();
    billing.prisma = createTestPrisma();
    billing.redis = createRedis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'client');
    billing.holds = new CreditHolds(billing.redis, { keyPrefix: billing.stack.redisPrefix }, (teamId) =>
      new LedgerService(billing.prisma).balanceOf(teamId),
    );
  });
  afterAll(async () => {
    await billing.stack?.stop();
    billing.redis?.disconnect();
    await billing.prisma?.$disconnect();
  });
  return billing;
}
