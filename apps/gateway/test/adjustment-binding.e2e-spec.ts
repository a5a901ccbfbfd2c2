import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseCredits } from '@switchyard/contracts';
import { LedgerService } from '@switchyard/ledger';
import type { PrismaClient } from '@switchyard/db';
import type { UpstreamFaults } from '@switchyard/providers';
import { type AppProcess, createTestPrisma, waitFor } from '@switchyard/testing';
import { createTeam, type TeamFixture } from './support/e2e-fixtures';
import { type E2eStack, startE2eStack } from './support/e2e-stack';

// Real: TWO gateway processes and billing (admin API and worker), Postgres, Redis and its pub/sub.
// Simulated: the upstream, answering after 250 ms so a burst keeps requests in flight on both
// gateways, each serving from a credit lease (the default). Mid-burst an operator adjusts the
// balance down by all the ledger shows.
const ADMIN_TOKEN = `root-${randomBytes(24).toString('hex')}`;
const WORKERS_PER_GATEWAY = 6;
/** Time for the broadcast to reach the gateways, counted from the moment the adjustment answered. */
const PROPAGATION_MS = 250;
const BODY = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Spend, spend, spend.' }],
  max_tokens: 16,
});

interface Outcome {
  startedAt: number;
  status: number;
}

async function chat(gateway: AppProcess, team: TeamFixture): Promise<Outcome> {
  const startedAt = performance.now();
  const res = await fetch(`${gateway.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${team.apiKey}`, 'content-type': 'application/json' },
    body: BODY,
  });
  await res.arrayBuffer();
  return { startedAt, status: res.status };
}

describe('a downward adjustment during a burst across two gateways', () => {
  const faults: UpstreamFaults = { latencyMs: 0 };
  let stack: E2eStack;
  let prisma: PrismaClient;

  beforeAll(async () => {
    prisma = createTestPrisma();
    stack = await startE2eStack({}, { gateways: 2, simulator: { faults }, billingEnv: { ADMIN_TOKEN } });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await prisma?.$disconnect();
  });

  it('binds at once: nothing new is served from leased credits, and the balance ends ≥ new balance − held', async () => {
    const probe = await fetch(`${stack.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${(await createTeam(prisma, { grantMicro: 1_000_000_000n })).apiKey}`,
        'content-type': 'application/json',
      },
      body: BODY,
    });
    const cost = parseCredits(((await probe.json()) as { usage: { credits: string } }).usage.credits);
    const team = await createTeam(prisma, { grantMicro: 400n * cost });

    faults.latencyMs = 250;
    const outcomes: Outcome[] = [];
    let bursting = true;
    const workers = stack.gateways.flatMap((gateway) =>
      Array.from({ length: WORKERS_PER_GATEWAY }, async () => {
        while (bursting) outcomes.push(await chat(gateway, team));
      }),
    );
    await waitFor(async () => outcomes.filter((o) => o.status === 200).length >= 40, {
      timeoutMs: 20_000,
      describe: '40 served',
    });

    const { balanceMicro: shown } = await prisma.creditAccount.findUniqueOrThrow({ where: { teamId: team.teamId } });
    const adjusted = await fetch(`${stack.billing.url}/admin/v1/teams/${team.teamId}/credits/adjustments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        'content-type': 'application/json',
        'idempotency-key': 'take-it-all',
      },
      body: JSON.stringify({ amountMicro: (-shown).toString(), memo: 'chargeback' }),
    });
    const adjustedAt = performance.now();
    expect(adjusted.status).toBe(201);
    const { entry } = (await adjusted.json()) as { entry: { balanceAfterMicro: string } };
    await sleep(1_500);
    bursting = false;
    await Promise.all(workers);

    // Every request that started once the gateways could have heard of it was refused.
    const late = outcomes.filter((o) => o.startedAt > adjustedAt + PROPAGATION_MS);
    expect(late.length).toBeGreaterThan(20);
    expect(new Set(late.map((o) => o.status))).toEqual(new Set([402]));

    const served = outcomes.filter((o) => o.status === 200).length;
    await waitFor(
      async () => (await prisma.ledgerEntry.count({ where: { teamId: team.teamId, kind: 'usage' } })) === served,
      { timeoutMs: 20_000, describe: 'every served request debited' },
    );
    const audit = await prisma.adminAuditLog.findFirstOrThrow({
      where: { teamId: team.teamId, action: 'credits.adjustment' },
    });
    const heldMicro = BigInt((audit.after as { heldMicro: string }).heldMicro);
    const newBalance = BigInt(entry.balanceAfterMicro);
    const final = await new LedgerService(prisma).verifyTeam(team.teamId);
    expect(final.ok).toBe(true);
    expect(heldMicro).toBeGreaterThanOrEqual(0n);
    expect(final.balanceMicro).toBeGreaterThanOrEqual(newBalance - heldMicro);
  }, 90_000);
});
