import { setTimeout as sleep } from 'node:timers/promises';
import { parseCredits } from '@switchyard/contracts';
import { LedgerService } from '@switchyard/ledger';
import type { PrismaClient } from '@switchyard/db';
import type { UpstreamFaults } from '@switchyard/providers';
import { createTestPrisma, waitFor } from '@switchyard/testing';
import { createTeam, type TeamFixture } from './support/e2e-fixtures';
import { type E2eStack, startE2eStack } from './support/e2e-stack';
import { metricValue, scrape } from './support/prometheus-text';

// Real: gateway and billing processes, Postgres (this run's database), Redis (own prefix).
// Simulated: the upstream, whose latency the spec sets per phase. HOLD_TTL_MS is 1 s and the
// upstream takes 2.5 s, so a request outlives its hold's lifetime while it is in flight: the hold
// must live as long as the request, whether carved from a lease or placed in Redis per request.
const HOLD_TTL_MS = 1_000;
const BODY = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Take your time.' }],
  max_tokens: 16,
});

function chat(stack: E2eStack, team: TeamFixture, body = BODY, signal?: AbortSignal): Promise<Response> {
  return fetch(`${stack.gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${team.apiKey}`, 'content-type': 'application/json' },
    body,
    signal,
  });
}

/** What the team's credits look like to the gateway (GET /v1/credits), in credits. */
async function creditsOf(stack: E2eStack, team: TeamFixture): Promise<{ balance: string; held: string }> {
  const res = await fetch(`${stack.gatewayUrl}/v1/credits`, { headers: { authorization: `Bearer ${team.apiKey}` } });
  return (await res.json()) as { balance: string; held: string };
}

describe.each([
  ['carved from a credit lease', {}],
  ['placed per request (CREDIT_LEASE_REQUESTS=0)', { CREDIT_LEASE_REQUESTS: '0' }],
])('a hold %s, in flight past HOLD_TTL_MS', (_mode, env: Record<string, string>) => {
  const faults: UpstreamFaults = { latencyMs: 0 };
  let stack: E2eStack;
  let prisma: PrismaClient;

  beforeAll(async () => {
    prisma = createTestPrisma();
    stack = await startE2eStack({ HOLD_TTL_MS: String(HOLD_TTL_MS), ...env }, { simulator: { faults } });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await prisma?.$disconnect();
  });

  it('still holds its credits: one request’s worth never serves two, and the balance stays ≥ 0', async () => {
    // With the default output rate 0 a request's hold is its prompt's cost, which its answer reports.
    faults.latencyMs = 0;
    const probe = await chat(stack, await createTeam(prisma, { grantMicro: 1_000_000_000n }));
    const cost = parseCredits(((await probe.json()) as { usage: { credits: string } }).usage.credits);
    expect(cost).toBeGreaterThan(0n);
    const team = await createTeam(prisma, { grantMicro: cost });

    faults.latencyMs = 2_500;
    const upstreamBefore = stack.upstreamRequests();
    const first = chat(stack, team);
    await waitFor(async () => stack.upstreamRequests() > upstreamBefore, {
      timeoutMs: 5_000,
      describe: 'the first request upstream',
    });
    await sleep(HOLD_TTL_MS + 500); // its hold's lifetime is over; the request is not
    const second = await chat(stack, team);

    expect(second.status).toBe(402);
    expect(await second.json()).toMatchObject({ error: { code: 'insufficient_credits' } });
    const answered = await first;
    expect(answered.status).toBe(200);
    const requestId = answered.headers.get('x-request-id');
    await answered.arrayBuffer();
    expect(stack.upstreamRequests() - upstreamBefore).toBe(1);

    await waitFor(
      async () => (await prisma.ledgerEntry.count({ where: { teamId: team.teamId, kind: 'usage' } })) === 1,
      { timeoutMs: 20_000, describe: 'the debit' },
    );
    const [debit] = await prisma.ledgerEntry.findMany({ where: { teamId: team.teamId, kind: 'usage' } });
    expect(debit.requestId).toBe(requestId);
    await expect(new LedgerService(prisma).verifyTeam(team.teamId)).resolves.toMatchObject({
      ok: true,
      balanceMicro: 0n,
    });
  }, 60_000);

  it('ends every request’s hold, whatever way the request ends', async () => {
    const team = await createTeam(prisma, { grantMicro: 1_000_000_000n });
    const streamed = JSON.stringify({ ...JSON.parse(BODY), stream: true });
    faults.latencyMs = 300;
    // Answered, as JSON and as a stream.
    expect((await chat(stack, team)).status).toBe(200);
    expect(await (await chat(stack, team, streamed)).text()).toContain('data: [DONE]');
    // The client hangs up before the answer, on both kinds.
    for (const body of [BODY, streamed]) {
      const hangUp = new AbortController();
      const upstreamBefore = stack.upstreamRequests();
      const abandoned = chat(stack, team, body, hangUp.signal).catch((err: unknown) => err);
      await waitFor(async () => stack.upstreamRequests() > upstreamBefore, {
        timeoutMs: 5_000,
        describe: 'the request upstream',
      });
      hangUp.abort();
      expect(await abandoned).toMatchObject({ name: 'AbortError' });
    }
    // Every upstream fails (after the fallbacks): 5xx, nothing billed.
    faults.status = 503;
    expect((await chat(stack, team)).status).toBeGreaterThanOrEqual(500);
    expect((await chat(stack, team, streamed)).status).toBeGreaterThanOrEqual(500);
    delete faults.status;

    // Nothing is held any more: no hold open in the gateway, and in Redis nothing but what
    // billing has not applied yet, until it has (a lease idle for a second goes back too).
    await waitFor(async () => metricValue(await scrape(stack.gatewayUrl), 'switchyard_credit_holds_active') === 0, {
      timeoutMs: 5_000,
      describe: 'no open hold in the gateway',
    });
    await waitFor(async () => parseCredits((await creditsOf(stack, team)).held) === 0n, {
      timeoutMs: 20_000,
      describe: 'nothing held in Redis',
    });
  }, 60_000);
});
