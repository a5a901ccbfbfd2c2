import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import { createPrismaClient, type PrismaClient } from '@switchyard/db';
import { pgCreditAccountLoader } from './pg-credit-account.loader';

// Real: Postgres (this run's migrated database). The account is written through Prisma, read in SQL.
describe(pgCreditAccountLoader.name, () => {
  let prisma: PrismaClient;
  let pool: Pool;

  beforeAll(() => {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run with --selectProjects e2e');
    prisma = createPrismaClient(databaseUrl, { poolSize: 1 });
    pool = new Pool({ connectionString: databaseUrl, max: 1 });
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await pool.end();
  });

  it('reads the balance and last entry id exactly, beyond 2^53 micro-credits', async () => {
    const team = await prisma.team.create({ data: { name: `loader-${randomUUID().slice(0, 8)}` } });
    await prisma.creditAccount.create({
      data: { teamId: team.id, balanceMicro: 9_007_199_254_740_993n, lastEntryId: 42n },
    });
    const load = pgCreditAccountLoader(pool);
    expect(await load(team.id)).toEqual({ balanceMicro: 9_007_199_254_740_993n, lastEntryId: 42n });
    expect(await load(randomUUID())).toBeNull();
  });
});
