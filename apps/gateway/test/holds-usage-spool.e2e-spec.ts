import { join } from 'node:path';
import { LedgerService } from '@switchyard/ledger';
import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma, type PrivateServer, startPrivateRedis, waitFor } from '@switchyard/testing';
import { createTeam, type TeamFixture } from './support/e2e-fixtures';
import { jsonlFiles, requestIdsIn } from './support/usage-files';
import { type E2eStack, startE2eStack } from './support/e2e-stack';

// Real: gateway and billing processes on a private redis-server that this test kills and restarts,
// Postgres (this run's database). Simulated: the upstream, answering after 1.5 s, so requests are
// in flight when Redis dies.
function chat(stack: E2eStack, team: TeamFixture, stream: boolean): Promise<Response> {
  const body = {
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Bill me even if Redis dies.' }],
    max_tokens: 16,
    stream,
  };
  return fetch(`${stack.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${team.apiKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

describe('usage spool: no usage lost when Redis refuses the event', () => {
  let redis: PrivateServer;
  let stack: E2eStack;
  let prisma: PrismaClient;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    prisma = createTestPrisma();
    stack = await startE2eStack(
      { USAGE_SPOOL_REPLAY_MS: '300' },
      { redisUrl: redis.url, simulator: { latencyMs: 1_500 } },
    );
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await prisma?.$disconnect();
    await redis?.destroy();
  });

  it('spools the events of requests served while Redis is down and bills each once when it is back', async () => {
    const team = await createTeam(prisma, { grantMicro: 1_000_000_000n });
    const inFlight = Array.from({ length: 20 }, (_, i) => chat(stack, team, i % 2 === 0));
    await waitFor(async () => stack.upstreamRequests() >= 20, {
      timeoutMs: 10_000,
      describe: 'all 20 requests upstream',
    });

    await redis.stop('kill');
    const served = await Promise.all(
      inFlight.map(async (pending) => {
        const r = await pending;
        return { status: r.status, requestId: r.headers.get('x-request-id') as string, body: await r.text() };
      }),
    );
    const refused = await Promise.all(
      Array.from({ length: 3 }, async () => {
        const r = await chat(stack, team, false);
        return { status: r.status, requestId: r.headers.get('x-request-id') as string };
      }),
    );
    // Each answer left once its event was in the journal; the queue's refusal moves it to the spool.
    await waitFor(async () => requestIdsIn(stack.spoolDir).length >= 20, {
      timeoutMs: 10_000,
      describe: '20 spooled events',
    });

    expect(served.map((s) => s.status)).toEqual(Array(20).fill(200));
    expect(served.filter((s, i) => i % 2 === 0).every((s) => s.body.trimEnd().endsWith('data: [DONE]'))).toBe(true);
    expect(refused.map((r) => r.status)).toEqual([503, 503, 503]);
    expect(requestIdsIn(stack.spoolDir).sort()).toEqual(served.map((s) => s.requestId).sort());
    // Spooled, the events no longer need their journal lines.
    await waitFor(async () => jsonlFiles(join(stack.spoolDir, 'journal')).length === 0, {
      timeoutMs: 10_000,
      describe: 'an empty journal',
    });

    await redis.start();
    await waitFor(
      async () => (await prisma.ledgerEntry.count({ where: { teamId: team.teamId, kind: 'usage' } })) >= 20,
      { timeoutMs: 30_000, describe: '20 debits' },
    );
    await waitFor(async () => jsonlFiles(stack.spoolDir).length === 0, {
      timeoutMs: 10_000,
      describe: 'an empty spool',
    });

    const debits = await prisma.ledgerEntry.findMany({ where: { teamId: team.teamId, kind: 'usage' } });
    expect(debits.map((d) => d.requestId).sort()).toEqual(served.map((s) => s.requestId).sort());
    expect(await prisma.usageRecord.count({ where: { requestId: { in: refused.map((r) => r.requestId) } } })).toBe(0);
    await expect(new LedgerService(prisma).verifyTeam(team.teamId)).resolves.toMatchObject({
      ok: true,
      entryCount: 21,
    });
  }, 90_000);
});
