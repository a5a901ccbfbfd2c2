import { Redis } from 'ioredis';
import { Client } from 'pg';
import { DEFAULT_TEST_ADMIN_URL, TEST_DATABASE_PREFIX, TEST_REDIS_PREFIX } from './test-run.constants';

async function dropDatabase(adminUrl: string, database: string): Promise<void> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/** Best effort: a run that never touched Redis (or a Redis that is down) must not fail the suite. */
async function deleteRedisKeys(redisUrl: string, runId: string): Promise<void> {
  const redis = new Redis(redisUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 2000,
    enableOfflineQueue: false,
  });
  redis.on('error', () => undefined); // reported by connect() below, if at all
  try {
    await redis.connect();
    const stream = redis.scanStream({ match: `${TEST_REDIS_PREFIX}:${runId}:*`, count: 1000 });
    for await (const keys of stream as AsyncIterable<string[]>) if (keys.length > 0) await redis.unlink(...keys);
  } catch {
    // Nothing to clean, or nothing to clean it with.
  } finally {
    redis.disconnect();
  }
}

/** Jest globalTeardown: drops this run's database and Redis keys, unless KEEP_TEST_DB=1 (to inspect them). */
export default async function globalTeardown(): Promise<void> {
  const { DATABASE_URL, SWITCHYARD_TEST_RUN, REDIS_URL, KEEP_TEST_DB } = process.env;
  if (KEEP_TEST_DB === '1') {
    console.log(`\nKEEP_TEST_DB=1: kept ${DATABASE_URL} and Redis keys ${TEST_REDIS_PREFIX}:${SWITCHYARD_TEST_RUN}:*`);
    return;
  }
  const database = DATABASE_URL ? decodeURIComponent(new URL(DATABASE_URL).pathname.slice(1)) : '';
  // Only ever drop what globalSetup created.
  if (database.startsWith(TEST_DATABASE_PREFIX))
    await dropDatabase(process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_TEST_ADMIN_URL, database);
  if (SWITCHYARD_TEST_RUN && REDIS_URL) await deleteRedisKeys(REDIS_URL, SWITCHYARD_TEST_RUN);
}
