import { Client } from 'pg';

export interface ScratchDatabase {
  /** postgresql://… of the new, empty database (no migrations applied). */
  readonly url: string;
  /** Drops it, closing whatever is still connected. */
  drop(): Promise<void>;
}

async function asAdmin(runUrl: URL, sql: string): Promise<void> {
  const admin = new Client({ connectionString: Object.assign(new URL(runUrl), { pathname: '/postgres' }).toString() });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/**
 * An empty database beside this run's (named after it, so a crashed run's leftover is dropped as
 * stale by the next run's global setup), for a spec that migrates or runs a stack of its own.
 */
export async function createScratchDatabase(suffix: string): Promise<ScratchDatabase> {
  if (!/^[a-z0-9_]+$/.test(suffix)) throw new Error(`scratch database suffix must be snake_case: ${suffix}`);
  const runUrl = new URL(process.env.DATABASE_URL as string);
  const name = `${runUrl.pathname.slice(1)}_${suffix}`;
  await asAdmin(runUrl, `CREATE DATABASE "${name}"`);
  return {
    url: Object.assign(new URL(runUrl), { pathname: `/${name}` }).toString(),
    drop: () => asAdmin(runUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
}
