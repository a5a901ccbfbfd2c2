import { createPrismaClient, type PrismaClient } from '@switchyard/db';
import { createScratchDatabase, migrateDatabase, type ScratchDatabase } from '@switchyard/testing';
import { type AdminStack, createTeamWithKey, startAdminStack } from './support/admin-stack';

// Real: billing as a process on a database of its own, seeded with 100,000 ledger entries for one
// team in one INSERT … SELECT (a consistent balance chain, so the ledger is one billing could have
// written), then paged through GET /ledger as the console does. The bound asserted is generous
// (a loaded, shared machine); the numbers measured are printed.
const ENTRIES = 100_000;
const BOUND_MS = 1_000;
let db: ScratchDatabase;
let stack: AdminStack;
let prisma: PrismaClient;
let team: { teamId: string; keyId: string };

beforeAll(async () => {
  db = await createScratchDatabase('ledger_pagination');
  await migrateDatabase(db.url);
  stack = await startAdminStack({ DATABASE_URL: db.url });
  prisma = createPrismaClient(db.url, { poolSize: 2 });
  team = await createTeamWithKey(stack, 'hundred-thousand');
  // Every 10th entry a grant, the rest usage debits of the team's key; one a minute, oldest first.
  await prisma.$executeRaw`
    INSERT INTO ledger_entries (team_id, amount_micro, balance_after_micro, kind, request_id, api_key_id, actor, created_at)
    SELECT ${team.teamId}::uuid, 1, i, (CASE WHEN i % 10 = 0 THEN 'grant' ELSE 'usage' END)::"LedgerEntryKind",
      CASE WHEN i % 10 = 0 THEN NULL ELSE 'req_seed_' || i END,
      CASE WHEN i % 10 = 0 THEN NULL ELSE ${team.keyId}::uuid END,
      'seed', now() - make_interval(mins => ${ENTRIES} - i)
    FROM generate_series(1, ${ENTRIES}) AS i`;
  await prisma.$executeRaw`
    INSERT INTO credit_accounts (team_id, balance_micro, last_entry_id, updated_at)
    SELECT team_id, ${ENTRIES}, max(id), now() FROM ledger_entries WHERE team_id = ${team.teamId}::uuid GROUP BY team_id`;
  await prisma.$executeRaw`ANALYZE ledger_entries`;
}, 120_000);

afterAll(async () => {
  await stack?.stop();
  await prisma?.$disconnect();
  await db?.drop();
});

/** Walks `pages` pages of the filtered ledger from `cursor`, timing each request; returns the times and ids seen. */
async function walk(query: string, pages: number, cursor?: string) {
  const times: number[] = [];
  const ids: bigint[] = [];
  for (let i = 0; i < pages; i++) {
    const path = `/teams/${team.teamId}/ledger?limit=100${query}${cursor ? `&cursor=${cursor}` : ''}`;
    const started = performance.now();
    const res = await stack.call('GET', path);
    times.push(performance.now() - started);
    expect(res.status).toBe(200);
    ids.push(...res.body.entries.map((e: { id: string }) => BigInt(e.id)));
    cursor = res.body.nextCursor;
    if (!cursor) break;
  }
  return { times, ids, cursor };
}

const percentile = (times: number[], p: number) =>
  [...times].sort((a, b) => a - b)[Math.min(times.length - 1, Math.floor(p * times.length))];

describe('ledger pagination on a team with 100,000 entries', () => {
  it('pages with a cursor at any depth and under any filter within the bound', async () => {
    const newest = await walk('', 20);
    // Strictly descending ids, no gaps or repeats across page boundaries.
    expect(newest.ids).toHaveLength(2_000);
    for (let i = 1; i < newest.ids.length; i++) expect(newest.ids[i]).toBe(newest.ids[i - 1] - 1n);
    const middle = await walk('', 10, String(newest.ids[0] - BigInt(ENTRIES / 2)));
    const deepest = await walk('', 5, String(newest.ids[0] - BigInt(ENTRIES - 250)));
    expect(deepest.cursor).toBeNull();
    const from = new Date(Date.now() - 60_000 * 80_000).toISOString();
    const to = new Date(Date.now() - 60_000 * 20_000).toISOString();
    const filtered = {
      grants: await walk('&kind=grant', 10),
      key: await walk(`&keyId=${team.keyId}`, 10),
      range: await walk(`&from=${from}&to=${to}`, 10),
      request: await walk('&requestId=req_seed_12345', 1),
    };
    expect(filtered.grants.ids).toHaveLength(1_000);
    expect(filtered.request.ids).toHaveLength(1);

    const all = [newest, middle, deepest, ...Object.values(filtered)].flatMap((w) => w.times);
    const report = (times: number[]) =>
      `p50 ${percentile(times, 0.5).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms`;
    console.log(
      [
        `ledger pages over ${ENTRIES} entries (${all.length} pages of 100):`,
        `  all: ${report(all)}`,
        `  newest first: ${report(newest.times)}; middle: ${report(middle.times)}; oldest: ${report(deepest.times)}`,
        ...Object.entries(filtered).map(([name, w]) => `  filter ${name}: ${report(w.times)}`),
      ].join('\n'),
    );
    expect(Math.max(...all)).toBeLessThan(BOUND_MS);
  });
});
