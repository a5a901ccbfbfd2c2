// Prisma's schema engine as WebAssembly (needs `node --experimental-wasm-modules`), driven through
// the same driver adapter the app uses. It keeps Prisma's own `_prisma_migrations` bookkeeping,
// so this and `prisma migrate deploy` share one history.
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { SchemaEngine } from '@prisma/schema-engine-wasm';
import { createMigrationAdapterFactory, createMigrationPool } from './adapter-factory.mjs';
import { pgConfigFromUrl } from './database.mjs';
import { MIGRATIONS_DIR, ROOT_DIR, SCHEMA_PATH } from './paths.mjs';

export const NO_FILTER = { externalTables: [], externalEnums: [] };
const LOCKFILE = 'migration_lock.toml';

function logEngineMessage(line) {
  try {
    const { level, fields } = JSON.parse(line);
    if (level === 'WARN' || level === 'ERROR') console.error(`schema-engine ${level}: ${fields?.message ?? line}`);
  } catch {
    console.error(line);
  }
}

/** Runs `fn(engine)` with a schema engine connected to `databaseUrl`, then frees it and its pool. */
export async function withSchemaEngine(databaseUrl, fn) {
  const pgConfig = pgConfigFromUrl(databaseUrl);
  const pool = createMigrationPool(pgConfig);
  const factory = createMigrationAdapterFactory(pool, pgConfig);
  const engine = await SchemaEngine.new({ datamodels: undefined }, logEngineMessage, factory);
  try {
    return await fn(engine);
  } finally {
    engine.free();
    await pool.end();
  }
}

/** prisma/migrations as the engine reads it: the same shape the CLI builds. */
export async function readMigrationList() {
  const lockContent = await readFile(join(MIGRATIONS_DIR, LOCKFILE), 'utf8').catch(() => null);
  const entries = await readdir(MIGRATIONS_DIR, { withFileTypes: true }).catch(() => []);
  const directories = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
  const migrationDirectories = await Promise.all(
    directories.map(async (name) => {
      const content = await readFile(join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8').then(
        (value) => ({ tag: 'ok', value }),
        (err) => ({ tag: 'error', value: err.message }),
      );
      return { path: name, migrationFile: { path: 'migration.sql', content } };
    }),
  );
  return {
    baseDir: MIGRATIONS_DIR,
    lockfile: { path: LOCKFILE, content: lockContent },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

export async function readSchemaFiles() {
  return [{ path: relative(ROOT_DIR, SCHEMA_PATH), content: await readFile(SCHEMA_PATH, 'utf8') }];
}

/** SQL that takes a database migrated with prisma/migrations to schema.prisma; '' when they agree. */
export async function diffMigrationsToSchema(engine) {
  const { stdout } = await engine.diff({
    from: { tag: 'migrations', ...(await readMigrationList()) },
    to: { tag: 'schemaDatamodel', files: await readSchemaFiles() },
    script: true,
    exitCode: null,
    filters: NO_FILTER,
  });
  return isEmptyMigration(stdout ?? '') ? '' : stdout;
}

function isEmptyMigration(sql) {
  return sql.split('\n').every((line) => line.trim() === '' || line.trim().startsWith('--'));
}
