import { parseCredits } from '@switchyard/contracts';
import { LedgerService } from '@switchyard/ledger';
import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma, waitFor } from '@switchyard/testing';
import { createTeam } from './support/e2e-fixtures';
import { type E2eStack, startE2eStack } from './support/e2e-stack';

// Real: gateway and billing processes, Postgres (this run's database), Redis (own prefix). Simulated:
// the upstream, answering after 1.5 s so every request's hold is decided while all are in flight.
// The gateway carves the holds from a credit lease (the default), which must cover exactly 10.
const BODY = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Count the holds, please.' }],
  max_tokens: 16,
});

function chat(stack: E2eStack, apiKey: string): Promise<Response> {
  return fetch(`${stack.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body: BODY,
  });
}

describe('credit holds under concurrency', () => {
  let stack: E2eStack;
  let prisma: PrismaClient;

  beforeAll(async () => {
    prisma = createTestPrisma();
    stack = await startE2eStack({}, { simulator: { latencyMs: 1_500 } });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await prisma?.$disconnect();
  });

  it('answers exactly the 10 of 100 concurrent requests the balance covers, and 402 to the other 90', async () => {
    // With the default output rate 0 a request's hold is its prompt's cost, which its answer reports.
    const probe = await createTeam(prisma, { grantMicro: 1_000_000_000n });
    const probeResponse = await chat(stack, probe.apiKey);
    const cost = parseCredits(((await probeResponse.json()) as { usage: { credits: string } }).usage.credits);
    expect(cost).toBeGreaterThan(0n);
    const team = await createTeam(prisma, { grantMicro: 10n * cost });
    const upstreamBefore = stack.upstreamRequests();

    const responses = await Promise.all(Array.from({ length: 100 }, () => chat(stack, team.apiKey)));

    const byStatus = new Map<number, string[]>();
    for (const r of responses)
      byStatus.set(r.status, [...(byStatus.get(r.status) ?? []), r.headers.get('x-request-id') as string]);
    expect([...byStatus.keys()].sort()).toEqual([200, 402]);
    expect(byStatus.get(200)).toHaveLength(10);
    expect(byStatus.get(402)).toHaveLength(90);
    const refused = responses.find((r) => r.status === 402) as Response;
    expect(await refused.json()).toMatchObject({ error: { code: 'insufficient_credits' } });
    expect(stack.upstreamRequests() - upstreamBefore).toBe(10);

    const ledger = new LedgerService(prisma);
    await waitFor(
      async () => (await prisma.ledgerEntry.count({ where: { teamId: team.teamId, kind: 'usage' } })) === 10,
      { timeoutMs: 20_000, describe: '10 debits' },
    );
    const debited = await prisma.ledgerEntry.findMany({ where: { teamId: team.teamId, kind: 'usage' } });
    expect(debited.map((e) => e.requestId).sort()).toEqual([...(byStatus.get(200) as string[])].sort());
    expect(await prisma.usageRecord.count({ where: { requestId: { in: byStatus.get(402) } } })).toBe(0);
    const verified = await ledger.verifyTeam(team.teamId);
    expect(verified).toMatchObject({ ok: true, entryCount: 11 });
    expect(verified.balanceMicro).toBe(0n);
  }, 60_000);
});
