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

/** A Redis key prefix unique to this test run and `name` (use the spec's name): `sy-test:<run>:<name>:`. */
export function testRedisPrefix(name: string): string {
  return `${TEST_REDIS_PREFIX}:${requireEnv('SWITCHYARD_TEST_RUN')}:${name}:`;
}

/** A Prisma client on this run's migrated database. Call `$disconnect()` in afterAll. */
export function createTestPrisma(): PrismaClient {
  return createPrismaClient(requireEnv('DATABASE_URL'), { poolSize: 5 });
}
