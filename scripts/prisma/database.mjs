// Plain `pg` helpers around the schema engine: connection configs and database creation.
import pg from 'pg';

/**
 * A pg config without `connectionString`. PrismaPg builds its shadow database config as
 * `{ ...config, database: shadowName }`, and pg lets a connectionString override `database`:
 * with a URL the "shadow" would silently be the real database.
 */
export function pgConfigFromUrl(databaseUrl) {
  const url = new URL(databaseUrl);
  const sslmode = url.searchParams.get('sslmode');
  return {
    host: decodeURIComponent(url.hostname) || '127.0.0.1',
    port: url.port ? Number(url.port) : 5432,
    user: decodeURIComponent(url.username) || undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    database: decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres',
    ssl: sslmode && sslmode !== 'disable' ? { rejectUnauthorized: sslmode === 'verify-full' } : undefined,
  };
}

function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/** Creates the database DATABASE_URL names when it does not exist yet, as `prisma migrate deploy` does. */
export async function ensureDatabase(databaseUrl) {
  const config = pgConfigFromUrl(databaseUrl);
  const client = new pg.Client({ ...config, database: 'postgres' });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [config.database]);
    if (rowCount > 0) return false;
    await client.query(`CREATE DATABASE ${quoteIdent(config.database)}`);
    return true;
  } catch (err) {
    // Another process created it between our check and CREATE: that is what we wanted.
    if (err.code === '42P04') return false;
    throw err;
  } finally {
    await client.end();
  }
}

/** The same server's `postgres` database: where throwaway shadow databases are created from. */
export function maintenanceUrl(databaseUrl) {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return url.toString();
}
