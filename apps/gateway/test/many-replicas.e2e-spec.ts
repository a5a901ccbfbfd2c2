import { randomBytes } from 'node:crypto';
import { parseCredits } from '@switchyard/contracts';
import type { PrismaClient } from '@switchyard/db';
import { LedgerService } from '@switchyard/ledger';
import { createTestPrisma, waitFor } from '@switchyard/testing';
import { createTeam, type TeamFixture } from './support/e2e-fixtures';
import { type E2eStack, startE2eStack } from './support/e2e-stack';
import { metricValue, scrape } from './support/prometheus-text';

// Real: THREE gateway processes (each with its own spool) and TWO billing processes consuming one
// usage queue, on one Postgres (this run's database) and one Redis (a prefix of their own).
// Simulated: the upstream (300 ms). One burst, split round-robin over the gateways, for two teams:
// one funded for fewer requests than it sends, one funded for all of them.
const GATEWAYS = 3;
const SHORT_FUNDED_REQUESTS = 25;
const SHORT_SENT = 75;
const FUNDED_SENT = 150;
const CONCURRENCY = 30;
let stack: E2eStack;
let prisma: PrismaClient;

beforeAll(async () => {
  prisma = createTestPrisma();
  // Both billing processes boot with the same bootstrap ADMIN_TOKEN at once, as replicas do.
  const billingEnv = { ADMIN_TOKEN: `root-${randomBytes(24).toString('hex')}` };
  stack = await startE2eStack({}, { gateways: GATEWAYS, billings: 2, billingEnv, simulator: { latencyMs: 300 } });
}, 90_000);
afterAll(async () => {
  await stack?.stop();
  await prisma?.$disconnect();
});

interface Answer {
  team: TeamFixture;
  gateway: number;
  status: number;
  requestId: string;
  costMicro: bigint;
}

async function chat(gateway: number, team: TeamFixture): Promise<Answer> {
  const res = await fetch(`${stack.gateways[gateway].url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${team.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Share the load.' }] }),
  });
  const body = (await res.json()) as { usage?: { credits: string } };
  const costMicro = res.status === 200 ? parseCredits(body.usage?.credits as string) : 0n;
  return { team, gateway, status: res.status, requestId: res.headers.get('x-request-id') as string, costMicro };
}

/** The team's usage debits, checked against what it was served: same requests, same amounts. */
async function expectExactLedger(team: TeamFixture, answers: Answer[]): Promise<void> {
  const served = answers.filter((a) => a.team === team && a.status === 200);
  const refused = answers.filter((a) => a.team === team && a.status !== 200).map((a) => a.requestId);
  const debits = () => prisma.ledgerEntry.findMany({ where: { teamId: team.teamId, kind: 'usage' } });
  await waitFor(async () => (await debits()).length >= served.length, {
    timeoutMs: 30_000,
    describe: 'every served request debited',
  });
  const entries = await debits();
  expect(entries.map((e) => e.requestId).sort()).toEqual(served.map((a) => a.requestId).sort());
  const debited = entries.reduce((sum, e) => sum - e.amountMicro, 0n);
  expect(debited).toBe(served.reduce((sum, a) => sum + a.costMicro, 0n));
  expect(await prisma.usageRecord.count({ where: { teamId: team.teamId } })).toBe(served.length);
  expect(await prisma.usageRecord.count({ where: { requestId: { in: refused } } })).toBe(0);
  expect(await new LedgerService(prisma).verifyTeam(team.teamId)).toMatchObject({ ok: true });
}

describe('three gateways and two billing workers on one stack', () => {
  it('bills a burst split over them exactly, and never overdraws a team funded for fewer requests than it sends', async () => {
    const probe = await createTeam(prisma, { grantMicro: 1_000_000_000n });
    const cost = (await chat(0, probe)).costMicro;
    const short = await createTeam(prisma, { grantMicro: BigInt(SHORT_FUNDED_REQUESTS) * cost });
    const funded = await createTeam(prisma, { grantMicro: 1_000_000_000n });
    // Request i goes to gateway i % 3; every third round of three is the short-funded team's, so both
    // teams' requests reach every gateway.
    const work = Array.from({ length: SHORT_SENT + FUNDED_SENT }, (_, i) =>
      Math.floor(i / GATEWAYS) % 3 === 0 ? short : funded,
    );
    const answers: Answer[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < work.length) {
          const i = next++;
          answers.push(await chat(i % GATEWAYS, work[i]));
        }
      }),
    );

    const served = (team: TeamFixture) => answers.filter((a) => a.team === team && a.status === 200);
    expect(served(funded)).toHaveLength(FUNDED_SENT);
    expect(served(short).length).toBeGreaterThan(0);
    expect(served(short).length).toBeLessThanOrEqual(SHORT_FUNDED_REQUESTS);
    expect(answers.filter((a) => a.team === short && a.status !== 200).every((a) => a.status === 402)).toBe(true);
    for (let gateway = 0; gateway < GATEWAYS; gateway++)
      expect(answers.filter((a) => a.gateway === gateway && a.status === 200).length).toBeGreaterThan(0);

    await expectExactLedger(funded, answers);
    await expectExactLedger(short, answers);
    const balance = await new LedgerService(prisma).balanceOf(short.teamId);
    expect(balance.balanceMicro).toBeGreaterThanOrEqual(0n);

    // Both billing processes took part: the applied events of the two add up to what was served (+ the probe).
    const applied = await Promise.all(
      stack.billings.map(async (b) =>
        metricValue(await scrape(b.url), 'switchyard_billing_events_total', { outcome: 'applied' }),
      ),
    );
    console.log(
      `many replicas: short-funded team served ${served(short).length} of ${SHORT_SENT} (funded for ${SHORT_FUNDED_REQUESTS}); ` +
        `billing processes applied ${applied.join(' + ')}`,
    );
    expect(applied.reduce((a, b) => a + b, 0)).toBe(served(short).length + FUNDED_SENT + 1);
    expect(applied.every((count) => count > 0)).toBe(true);
  }, 90_000);
});
