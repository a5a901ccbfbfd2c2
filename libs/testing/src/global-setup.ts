import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import {
  DEFAULT_TEST_ADMIN_URL,
  DEFAULT_TEST_REDIS_URL,
  STALE_TEST_DATABASE_MS,
  TEST_DATABASE_PREFIX,
} from './test-run.constants';
import { migrateDatabase } from './migrate-database';

function utcStamp(date: Date): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14);
}

function stampToTime(stamp: string): number {
  const [, y, mo, d, h, mi, s] = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(stamp) ?? [];
  return y ? Date.UTC(+y, +mo - 1, +d, +h, +mi, +s) : Number.NaN;
}

async function dropStaleDatabases(admin: Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(
    'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
    [TEST_DATABASE_PREFIX],
  );
  const cutoff = Date.now() - STALE_TEST_DATABASE_MS;
  for (const { datname } of rows) {
    const createdAt = stampToTime(datname.slice(TEST_DATABASE_PREFIX.length, TEST_DATABASE_PREFIX.length + 14));
    if (createdAt < cutoff) await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}

/**
 * Jest globalSetup for integration and e2e specs: a fresh, migrated database for this run.
 * Env set here is inherited by every jest worker (and the apps they spawn).
 */
export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_TEST_ADMIN_URL;
  const runId = randomBytes(4).toString('hex');
  const database = `${TEST_DATABASE_PREFIX}${utcStamp(new Date())}_${runId}`;

  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await dropStaleDatabases(admin);
    await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }

  const databaseUrl = new URL(adminUrl);
  databaseUrl.pathname = `/${database}`;
  await migrateDatabase(databaseUrl.toString());

  process.env.DATABASE_URL = databaseUrl.toString();
  process.env.REDIS_URL ||= DEFAULT_TEST_REDIS_URL;
  process.env.SWITCHYARD_TEST_RUN = runId;
}
