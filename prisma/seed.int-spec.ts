import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { PrismaClient } from '@switchyard/db';
import { generateApiKey, hashApiKey, isWellFormedApiKey } from '@switchyard/keys';
import { createTestPrisma } from '@switchyard/testing';

// Real: `npm run db:seed`'s command as a child process, against the per-run Postgres database.
const run = promisify(execFile);
let prisma: PrismaClient;

beforeAll(() => (prisma = createTestPrisma()));
afterAll(() => prisma.$disconnect());

function runSeed(extraEnv: Record<string, string> = {}): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, ['-r', '@swc-node/register', 'prisma/seed.ts'], {
    cwd: resolve(__dirname, '..'),
    env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL, DEMO_API_KEY: '', ...extraEnv },
  });
}

/** Runs the seed and returns the one key it printed. */
async function seed(extraEnv: Record<string, string> = {}): Promise<string> {
  const { stdout } = await runSeed(extraEnv);
  const lines = stdout.split('\n').filter(Boolean);
  expect(lines).toHaveLength(1);
  const match = /^Demo API key: (sy_live_\S+)$/.exec(lines[0]);
  expect(match).not.toBeNull();
  return (match as RegExpExecArray)[1];
}

async function demoState() {
  const teams = await prisma.team.findMany({
    where: { name: 'Demo' },
    include: { apiKeys: true, ledgerEntries: true, creditAccount: true },
  });
  expect(teams).toHaveLength(1);
  return teams[0];
}

describe('prisma/seed.ts', () => {
  it('creates the Demo team, grants 1,000 credits once, and keeps a key given in DEMO_API_KEY', async () => {
    const first = await seed();
    expect(isWellFormedApiKey(first)).toBe(true);

    const again = await seed({ DEMO_API_KEY: first });
    const fresh = generateApiKey('live').plaintext;
    const registered = await seed({ DEMO_API_KEY: fresh });

    expect(again).toBe(first);
    expect(registered).toBe(fresh);
    const demo = await demoState();
    expect(demo.ledgerEntries.map((e) => [e.kind, e.amountMicro, e.idempotencyKey])).toEqual([
      ['grant', 1_000_000_000n, 'seed:demo-grant'],
    ]);
    expect(demo.creditAccount?.balanceMicro).toBe(1_000_000_000n);
    expect(demo.apiKeys.map((k) => k.keyHash).sort()).toEqual([hashApiKey(first), hashApiKey(fresh)].sort());
  });

  it('creates a new key when DEMO_API_KEY is not well-formed', async () => {
    const before = (await demoState()).apiKeys.length;

    const key = await seed({ DEMO_API_KEY: 'sy_live_not-a-real-key' });

    expect(isWellFormedApiKey(key)).toBe(true);
    expect((await demoState()).apiKeys).toHaveLength(before + 1);
  });

  it('mints no key on a rerun while the Demo team has a usable one, and one again once none is left', async () => {
    const before = await demoState();

    const rerun = await runSeed();

    expect(rerun.stdout).toBe('');
    expect(rerun.stderr).toContain('The Demo team already has a key (sy_live_');
    expect((await demoState()).apiKeys).toHaveLength(before.apiKeys.length);

    await prisma.apiKey.updateMany({
      where: { teamId: before.id },
      data: { status: 'revoked', revokedAt: new Date() },
    });
    const minted = await seed();
    const after = await demoState();
    expect(after.apiKeys).toHaveLength(before.apiKeys.length + 1);
    expect(after.apiKeys.filter((k) => k.status === 'active').map((k) => k.keyHash)).toEqual([hashApiKey(minted)]);
    expect(after.ledgerEntries).toHaveLength(1);
  });
});
