import { randomBytes } from 'node:crypto';
import { createPrismaClient, type PrismaClient } from '@switchyard/db';
import { TEST_REDIS_PREFIX } from './test-run.constants';

function requireEnv(name: 'DATABASE_URL' | 'SWITCHYARD_TEST_RUN'): string {
  const value = process.env[name];
  if (!value)
    throw new Error(
      `${name} is not set: run integration specs through jest's e2e project (libs/testing/src/global-setup.ts sets it).`,
    );
  return value;
}

/**
 * A Redis key prefix of its own for each call, `sy-test:<run>:<name>:<8 hex>:` (use the spec's name):
 * under this run's prefix, so global teardown deletes its keys, and apart from every other caller's.
 */
export function testRedisPrefix(name: string): string {
  return `${TEST_REDIS_PREFIX}:${requireEnv('SWITCHYARD_TEST_RUN')}:${name}:${randomBytes(4).toString('hex')}:`;
}

/** A Prisma client on this run's migrated database. Call `$disconnect()` in afterAll. */
export function createTestPrisma(): PrismaClient {
  return createPrismaClient(requireEnv('DATABASE_URL'), { poolSize: 5 });
}
