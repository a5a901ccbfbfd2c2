import { randomUUID } from 'node:crypto';
import { LedgerService } from '@switchyard/ledger';
import { MAX_HOLD_MICRO } from '@switchyard/holds';
import { usageEventFixture } from '@switchyard/testing';
import { createTeamWithKey } from './support/admin-stack';
import { useAdminStackWithHolds } from './support/admin-stack-with-holds';

// Real: billing as a process (admin API), Postgres, Redis. The gateways' side (the cached balance)
// is read through CreditHolds on the same prefix. Amounts past 2^53 − 1 micro-credits are refused
// before anything is written: no entry, no audit row, the cached balance still readable.
const billing = useAdminStackWithHolds();
const LIMIT_MESSAGE = new RegExp(`${MAX_HOLD_MICRO} micro-credits \\(2\\^53 − 1`);

function credit(teamId: string, kind: 'grants' | 'adjustments' | 'refunds', body: unknown) {
  return billing.stack.call('POST', `/teams/${teamId}/credits/${kind}`, { idempotencyKey: randomUUID(), body });
}

/** Everything a refused change must leave as it was: the team's entries, audit rows and cached balance. */
async function committed(teamId: string) {
  return {
    entries: await billing.prisma.ledgerEntry.count({ where: { teamId } }),
    audits: await billing.prisma.adminAuditLog.count({ where: { teamId } }),
    verified: await new LedgerService(billing.prisma).verifyTeam(teamId),
    cached: await billing.holds.snapshot(teamId),
  };
}

function expectLimitRefusal(res: { status: number; body: { error: { param: string; message: string } } }) {
  expect(res.status).toBe(400);
  expect(res.body.error).toMatchObject({ type: 'invalid_request_error', param: 'amount' });
  expect(res.body.error.message).toMatch(LIMIT_MESSAGE);
}

describe('admin API: credit amount limits', () => {
  it('refuses a grant past 2^53 − 1 micro-credits with nothing committed', async () => {
    const { teamId } = await createTeamWithKey(billing.stack);
    await credit(teamId, 'grants', { amountMicro: '1000000' });
    const before = await committed(teamId);

    expectLimitRefusal(await credit(teamId, 'grants', { amountMicro: (MAX_HOLD_MICRO + 1n).toString() }));
    expectLimitRefusal(await credit(teamId, 'grants', { amountMicro: '9999999999999999999' }));
    expect(await committed(teamId)).toEqual(before);
  });

  it('refuses a grant, an adjustment or a refund whose resulting balance would pass the limit', async () => {
    const { teamId, keyId } = await createTeamWithKey(billing.stack);
    const granted = await credit(teamId, 'grants', { amountMicro: (MAX_HOLD_MICRO - 1_000n).toString() });
    expect(granted.status).toBe(201);
    const requestId = await bill(teamId, keyId, 600n);
    expect((await credit(teamId, 'grants', { amountMicro: '1100' })).status).toBe(201);
    const before = await committed(teamId);
    expect(before.cached.balanceMicro).toBe(MAX_HOLD_MICRO - 500n);

    expectLimitRefusal(await credit(teamId, 'grants', { amountMicro: '501' }));
    expectLimitRefusal(await credit(teamId, 'adjustments', { amountMicro: '501', memo: 'too much' }));
    expectLimitRefusal(await credit(teamId, 'refunds', { requestId })); // gives back 600
    expect(await committed(teamId)).toEqual(before);
    // Up to the limit itself is fine.
    expect((await credit(teamId, 'grants', { amountMicro: '500' })).status).toBe(201);
    await expect(billing.holds.snapshot(teamId)).resolves.toMatchObject({ balanceMicro: MAX_HOLD_MICRO });
  });

  it('refuses an adjustment below −(2^53 − 1), in amount or in the balance it leaves', async () => {
    const { teamId } = await createTeamWithKey(billing.stack);
    expectLimitRefusal(
      await credit(teamId, 'adjustments', { amountMicro: (-MAX_HOLD_MICRO - 1n).toString(), memo: 'x' }),
    );
    const down = await credit(teamId, 'adjustments', { amountMicro: (-MAX_HOLD_MICRO).toString(), memo: 'x' });
    expect(down.status).toBe(201);
    const before = await committed(teamId);
    expectLimitRefusal(await credit(teamId, 'adjustments', { amountMicro: '-1', memo: 'one more' }));
    expect(await committed(teamId)).toEqual(before);
  });
});

/** Debits one request's usage as billing's worker would; returns its request id. */
async function bill(teamId: string, apiKeyId: string, costMicro: bigint): Promise<string> {
  const event = usageEventFixture({
    teamId,
    apiKeyId,
    usage: { promptTokens: 10, completionTokens: 5, cachedReadTokens: 0, cacheCreationTokens: 0 },
    costMicro: costMicro.toString(),
  });
  const [applied] = await new LedgerService(billing.prisma).applyUsageEvents([event]);
  await billing.holds.applyLedger(teamId, applied.balanceMicro, applied.lastEntryId, applied.appliedRequestIds);
  return event.requestId;
}
