// The bench's own database and fixtures. App code is loaded from dist/ (what `npm run bench` just
// built), so the bench always exercises the apps as they are at run time.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import pg from 'pg';

export function distRequire(root) {
  const require = createRequire(join(root, 'package.json'));
  // Entry points that load @switchyard/contracts need it first (decorator metadata).
  require('reflect-metadata');
  return (lib) => require(join(root, 'dist/libs', lib, 'src/index.js'));
}

function adminClient(databaseUrl) {
  const url = new URL(databaseUrl);
  url.pathname = '/postgres';
  return new pg.Client({ connectionString: url.toString() });
}

export async function createDatabase(databaseUrl) {
  const client = adminClient(databaseUrl);
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${new URL(databaseUrl).pathname.slice(1)}"`);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(databaseUrl) {
  const client = adminClient(databaseUrl);
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${new URL(databaseUrl).pathname.slice(1)}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** `npm run db:migrate` against the bench database. */
export async function migrate(root, env) {
  const child = spawn('npm', ['run', '--silent', 'db:migrate'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const [code] = await once(child, 'exit');
  if (code !== 0) throw new Error(`db:migrate failed (${code}):\n${output}`);
}

async function inBatches(items, size, work) {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

/**
 * `count` teams, each with one active key (no limits) and a grant of `grantMicro` posted through
 * the app's own LedgerService, so balances follow the ledger rules of the code under test.
 */
export async function createTeams(libs, prisma, count, grantMicro) {
  const { generateApiKey } = libs('keys');
  const { LedgerService } = libs('ledger');
  const { randomUUID } = await import('node:crypto');
  const teams = Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    name: `bench-${i}`,
    key: generateApiKey('live'),
    keyId: randomUUID(),
  }));
  await prisma.team.createMany({ data: teams.map((t) => ({ id: t.id, name: t.name })) });
  await prisma.apiKey.createMany({
    data: teams.map((t) => ({
      id: t.keyId,
      teamId: t.id,
      name: 'bench',
      keyHash: t.key.hash,
      displayPrefix: t.key.displayPrefix,
    })),
  });
  const ledger = new LedgerService(prisma);
  await inBatches(teams, 16, (t) =>
    ledger.grant(t.id, grantMicro, { idempotencyKey: `bench:${t.id}`, actor: 'bench', memo: 'bench fixture' }),
  );
  return teams.map((t) => ({ teamId: t.id, keyId: t.keyId, apiKey: t.key.plaintext }));
}
