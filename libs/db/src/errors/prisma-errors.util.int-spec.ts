import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { Client } from 'pg';
import type { PrismaClient } from '../generated/client';
import { createPrismaClient } from '../prisma-client.util';
import { isForeignKeyViolation, isNotNullViolation, isUniqueViolation } from './prisma-errors.util';

const REPO_ROOT = resolve(__dirname, '../../../..');

/** The error `run` rejects with (the spec fails if it resolves). */
async function failureOf(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('expected the statement to fail');
}

// Real: Postgres (this run's database, DATABASE_URL from libs/testing's global setup), through Prisma (model and raw queries) and through pg.
// Each predicate is checked on the error the database really produces, in every shape.
describe('database error predicates on real Postgres', () => {
  let prisma: PrismaClient;
  let pg: Client;

  beforeAll(async () => {
    prisma = createPrismaClient(process.env.DATABASE_URL as string, { poolSize: 2 });
    pg = new Client({ connectionString: process.env.DATABASE_URL });
    await pg.connect();
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await pg?.end();
  });

  it('reads a foreign key that found no team, from a model query, a raw query and pg', async () => {
    const noTeam = randomUUID();
    const insert = `INSERT INTO api_keys (id, team_id, name, key_hash, display_prefix) VALUES ($1::uuid, $2::uuid, 'k', $3, 'sy_')`;
    const failures = [
      await failureOf(() =>
        prisma.apiKey.create({ data: { teamId: noTeam, name: 'k', keyHash: randomUUID(), displayPrefix: 'sy_' } }),
      ),
      await failureOf(() => prisma.$executeRawUnsafe(insert, randomUUID(), noTeam, randomUUID())),
      await failureOf(() => pg.query(insert, [randomUUID(), noTeam, randomUUID()])),
    ];
    expect(failures.map(isForeignKeyViolation)).toEqual([true, true, true]);
    expect(failures.map((err) => isUniqueViolation(err))).toEqual([false, false, false]);
  });

  it('reads a duplicate key, with the constraint it broke', async () => {
    const team = await prisma.team.create({ data: { name: `errors-${randomUUID().slice(0, 8)}` } });
    const keyHash = randomUUID();
    const key = { teamId: team.id, name: 'k', keyHash, displayPrefix: 'sy_' };
    await prisma.apiKey.create({ data: key });
    const insert = `INSERT INTO api_keys (id, team_id, name, key_hash, display_prefix) VALUES ($1::uuid, $2::uuid, 'k', $3, 'sy_')`;
    const failures = [
      await failureOf(() => prisma.apiKey.create({ data: key })),
      await failureOf(() => prisma.$executeRawUnsafe(insert, randomUUID(), team.id, keyHash)),
      await failureOf(() => pg.query(insert, [randomUUID(), team.id, keyHash])),
    ];
    expect(failures.map((err) => isUniqueViolation(err, 'api_keys_key_hash_key'))).toEqual([true, true, true]);
    expect(failures.map((err) => isUniqueViolation(err, 'ledger_entries_request_id_key'))).toEqual([
      false,
      false,
      false,
    ]);
    expect(failures.map(isForeignKeyViolation)).toEqual([false, false, false]);
  });

  it('reads a NOT NULL violation from a raw query and from pg', async () => {
    const insert = `INSERT INTO teams (id, name, updated_at) VALUES ($1::uuid, NULL, now())`;
    const failures = [
      await failureOf(() => prisma.$executeRawUnsafe(insert, randomUUID())),
      await failureOf(() => pg.query(insert, [randomUUID()])),
    ];
    expect(failures.map(isNotNullViolation)).toEqual([true, true]);
  });

  // By shape, not instanceof: the predicates load neither the Prisma client nor pg, so they could
  // move to a scope:shared library unchanged if code the gateway loads ever needs them.
  it('loads without the Prisma client', () => {
    const script = `require('./libs/db/src/errors/prisma-errors.util'); console.log(Object.keys(require.cache).filter((f) => /generated|@prisma/.test(f)).length)`;
    const out = execFileSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: REPO_ROOT });
    expect(out.toString().trim()).toBe('0');
  });
});
