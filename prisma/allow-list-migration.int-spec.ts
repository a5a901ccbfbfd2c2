import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from 'pg';
import { createScratchDatabase, type ScratchDatabase } from '@switchyard/testing';

// Real: Postgres. A scratch database gets the migrations before add_api_key_allow_list_flags,
// keys in the old encoding (an empty list meant "every"), then that migration: every key must
// mean what it meant.
const MIGRATIONS_DIR = resolve(__dirname, 'migrations');
const TARGET = '_add_api_key_allow_list_flags';

const migrationSql = (name: string) => readFileSync(join(MIGRATIONS_DIR, name, 'migration.sql'), 'utf8');

describe('migration add_api_key_allow_list_flags', () => {
  let scratch: ScratchDatabase;
  let db: Client;

  beforeAll(async () => {
    scratch = await createScratchDatabase('allow_lists');
    db = new Client({ connectionString: scratch.url });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await scratch?.drop();
  });

  it('keeps every existing key meaning what it meant: an empty list becomes "unrestricted"', async () => {
    const names = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    const target = names.find((name) => name.endsWith(TARGET)) as string;
    for (const name of names.filter((n) => n < target)) await db.query(migrationSql(name));

    const { rows: teams } = await db.query<{ id: string }>(
      `INSERT INTO teams (id, name, updated_at) VALUES (gen_random_uuid(), 'old', now()) RETURNING id`,
    );
    const insertKey = (name: string, models: string[], tiers: string[]) =>
      db.query(
        `INSERT INTO api_keys (id, team_id, name, key_hash, display_prefix, allowed_models, allowed_tiers)
         VALUES (gen_random_uuid(), $1, $2, $3, 'sy_live_old0', $4, $5)`,
        [teams[0].id, name, `hash-${name}`, models, tiers],
      );
    await insertKey('open', [], []);
    await insertKey('models', ['gpt-4o-mini', 'gpt-4o'], []);
    await insertKey('tiers', [], ['core']);
    await insertKey('both', ['gpt-4o'], ['pro']);

    await db.query(migrationSql(target));

    const { rows } = await db.query(
      `SELECT name, models_restricted, allowed_models, tiers_restricted, allowed_tiers FROM api_keys ORDER BY name`,
    );
    expect(rows).toEqual([
      {
        name: 'both',
        models_restricted: true,
        allowed_models: ['gpt-4o'],
        tiers_restricted: true,
        allowed_tiers: ['pro'],
      },
      {
        name: 'models',
        models_restricted: true,
        allowed_models: ['gpt-4o-mini', 'gpt-4o'],
        tiers_restricted: false,
        allowed_tiers: [],
      },
      { name: 'open', models_restricted: false, allowed_models: [], tiers_restricted: false, allowed_tiers: [] },
      { name: 'tiers', models_restricted: false, allowed_models: [], tiers_restricted: true, allowed_tiers: ['core'] },
    ]);
  });
});
