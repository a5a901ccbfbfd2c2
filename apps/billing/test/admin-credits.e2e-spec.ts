import { LedgerService } from '@switchyard/ledger';
import { usageEventFixture } from '@switchyard/testing';
import { createTeamWithKey } from './support/admin-stack';
import { useAdminStackWithHolds } from './support/admin-stack-with-holds';

// Real: billing as a process (admin API), Postgres, Redis. The gateway's part (usage debits and
// the balance cache) is played by LedgerService and CreditHolds on the same database and prefix.
const billing = useAdminStackWithHolds();

async function bill(teamId: string, apiKeyId: string, costMicro: bigint): Promise<string> {
  const event = usageEventFixture({
    teamId,
    apiKeyId,
    taskType: 'summarize',
    usage: { promptTokens: 10, completionTokens: 5, cachedReadTokens: 0, cacheCreationTokens: 0 },
    costMicro: costMicro.toString(),
  });
  await new LedgerService(billing.prisma).applyUsageEvents([event]);
  return event.requestId;
}

describe('admin API: credits', () => {
  it('applies a grant once when the same request is sent 5 times concurrently, and answers each the same entry', async () => {
    const { teamId } = await createTeamWithKey(billing.stack);
    const send = () =>
      billing.stack.call('POST', `/teams/${teamId}/credits/grants`, {
        idempotencyKey: 'grant-1',
        body: { amountMicro: '5000000', memo: 'top-up' },
      });
    const responses = await Promise.all(Array.from({ length: 5 }, send));

    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    const entries = new Set(responses.map((r) => JSON.stringify(r.body)));
    expect(entries.size).toBe(1);
    expect(responses.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(4);
    expect(responses[0].body.entry).toMatchObject({
      teamId,
      kind: 'grant',
      amountMicro: '5000000',
      balanceAfterMicro: '5000000',
      memo: 'top-up',
      actor: 'admin:bootstrap',
    });
    expect(await billing.prisma.ledgerEntry.count({ where: { teamId } })).toBe(1);
    expect(await billing.prisma.adminAuditLog.count({ where: { teamId, action: 'credits.grant' } })).toBe(1);
    // The gateways' cached balance is fresh at once.
    await expect(billing.holds.snapshot(teamId)).resolves.toEqual({
      balanceMicro: 5_000_000n,
      heldMicro: 0n,
      availableMicro: 5_000_000n,
    });
  });

  it('refuses a reused Idempotency-Key with a different body, and a write without one', async () => {
    const { teamId } = await createTeamWithKey(billing.stack);
    await billing.stack.call('POST', `/teams/${teamId}/credits/grants`, {
      idempotencyKey: 'k',
      body: { amountMicro: '100' },
    });
    const reused = await billing.stack.call('POST', `/teams/${teamId}/credits/grants`, {
      idempotencyKey: 'k',
      body: { amountMicro: '200' },
    });
    expect(reused.status).toBe(400);
    expect(reused.body.error).toEqual({
      message: 'This idempotency key was already used for a different operation.',
      type: 'invalid_request_error',
      param: 'idempotency_key',
      code: 'invalid_request',
    });
    const missing = await billing.stack.call('POST', `/teams/${teamId}/credits/grants`, {
      body: { amountMicro: '100' },
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.param).toBe('Idempotency-Key');
    expect(await billing.prisma.ledgerEntry.count({ where: { teamId } })).toBe(1);
  });

  it('adjusts by a signed amount, requires a memo, and refreshes the cached balance', async () => {
    const { teamId } = await createTeamWithKey(billing.stack);
    await billing.stack.call('POST', `/teams/${teamId}/credits/grants`, {
      idempotencyKey: 'g',
      body: { amountMicro: '1000000' },
    });
    await billing.holds.snapshot(teamId);
    const noMemo = await billing.stack.call('POST', `/teams/${teamId}/credits/adjustments`, {
      idempotencyKey: 'a0',
      body: { amountMicro: '-250000' },
    });
    expect(noMemo.status).toBe(400);
    expect(noMemo.body.error.message).toMatch(/memo/);

    const adjusted = await billing.stack.call('POST', `/teams/${teamId}/credits/adjustments`, {
      idempotencyKey: 'a1',
      body: { amountMicro: '-250000', memo: 'duplicate grant' },
    });
    expect(adjusted.status).toBe(201);
    expect(adjusted.body.entry).toMatchObject({
      kind: 'adjustment',
      amountMicro: '-250000',
      balanceAfterMicro: '750000',
      memo: 'duplicate grant',
    });
    await expect(billing.holds.snapshot(teamId)).resolves.toMatchObject({ balanceMicro: 750_000n });
    const audit = await billing.prisma.adminAuditLog.findFirstOrThrow({
      where: { teamId, action: 'credits.adjustment' },
    });
    expect(audit).toMatchObject({
      actor: 'admin:bootstrap',
      targetType: 'credit_account',
      targetId: teamId,
      before: { balanceMicro: '1000000', lastEntryId: expect.any(String) },
    });
    expect(audit.after).toMatchObject({
      balanceMicro: '750000',
      entry: { amountMicro: '-250000', memo: 'duplicate grant' },
    });
  });

  it('refunds a billed request once: the repeat with the same key answers the same entry, a new key is refused', async () => {
    const { teamId, keyId } = await createTeamWithKey(billing.stack);
    await billing.stack.call('POST', `/teams/${teamId}/credits/grants`, {
      idempotencyKey: 'g',
      body: { amountMicro: '1000000' },
    });
    const requestId = await bill(teamId, keyId, 300_000n);

    const first = await billing.stack.call('POST', `/teams/${teamId}/credits/refunds`, {
      idempotencyKey: 'r1',
      body: { requestId },
    });
    const repeat = await billing.stack.call('POST', `/teams/${teamId}/credits/refunds`, {
      idempotencyKey: 'r1',
      body: { requestId },
    });
    const again = await billing.stack.call('POST', `/teams/${teamId}/credits/refunds`, {
      idempotencyKey: 'r2',
      body: { requestId },
    });

    expect(first.status).toBe(201);
    expect(first.body.entry).toMatchObject({
      kind: 'refund',
      amountMicro: '300000',
      balanceAfterMicro: '1000000',
      refundsRequestId: requestId,
    });
    expect(repeat.body).toEqual(first.body);
    expect(again.status).toBe(400);
    expect(again.body.error.param).toBe('request_id');
    const unknown = await billing.stack.call('POST', `/teams/${teamId}/credits/refunds`, {
      idempotencyKey: 'r3',
      body: { requestId: 'req_nope' },
    });
    expect(unknown.status).toBe(404);
    await expect(new LedgerService(billing.prisma).verifyTeam(teamId)).resolves.toMatchObject({
      ok: true,
      balanceMicro: 1_000_000n,
      entryCount: 3,
    });
  });

  it('pages the ledger newest first with filters, exports CSV, and aggregates usage', async () => {
    const { teamId, keyId } = await createTeamWithKey(billing.stack);
    await billing.stack.call('POST', `/teams/${teamId}/credits/grants`, {
      idempotencyKey: 'g',
      body: { amountMicro: '9000000', memo: 'a "quoted", memo' },
    });
    const requests = [
      await bill(teamId, keyId, 100n),
      await bill(teamId, keyId, 200n),
      await bill(teamId, keyId, 300n),
    ];

    const page1 = await billing.stack.call('GET', `/teams/${teamId}/ledger?limit=2`);
    expect(page1.body.entries.map((e: { kind: string }) => e.kind)).toEqual(['usage', 'usage']);
    expect(page1.body.entries[0].requestId).toBe(requests[2]);
    const page2 = await billing.stack.call('GET', `/teams/${teamId}/ledger?limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.entries.map((e: { kind: string }) => e.kind)).toEqual(['usage', 'grant']);
    expect(page2.body.nextCursor).toBeNull();

    const grants = await billing.stack.call('GET', `/teams/${teamId}/ledger?kind=grant`);
    expect(grants.body.entries).toHaveLength(1);
    const byRequest = await billing.stack.call(
      'GET',
      `/teams/${teamId}/ledger?requestId=${requests[1]}&keyId=${keyId}`,
    );
    expect(byRequest.body.entries.map((e: { amountMicro: string }) => e.amountMicro)).toEqual(['-200']);
    const future = await billing.stack.call('GET', `/teams/${teamId}/ledger?from=2999-01-01T00:00:00Z`);
    expect(future.body.entries).toEqual([]);

    const csv = await billing.stack.call('GET', `/teams/${teamId}/ledger/export`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = (csv.body as string).trim().split('\n');
    expect(lines[0]).toBe(
      'id,created_at,kind,amount_micro,balance_after_micro,request_id,refunds_request_id,api_key_id,actor,memo',
    );
    expect(lines).toHaveLength(5);
    expect(lines[4]).toMatch(/,grant,9000000,9000000,,,,admin:bootstrap,"a ""quoted"", memo"$/);

    const byModel = await billing.stack.call('GET', `/teams/${teamId}/usage?groupBy=model`);
    expect(byModel.body).toEqual({
      groupBy: 'model',
      rows: [{ group: 'core-small', requests: 3, promptTokens: 30, completionTokens: 15, costMicro: '600' }],
    });
    const byKey = await billing.stack.call('GET', `/teams/${teamId}/usage?groupBy=key`);
    expect(byKey.body.rows).toEqual([
      { group: keyId, requests: 3, promptTokens: 30, completionTokens: 15, costMicro: '600' },
    ]);
    const byDay = await billing.stack.call('GET', `/teams/${teamId}/usage?groupBy=day`);
    expect(byDay.body.rows).toEqual([
      {
        group: new Date().toISOString().slice(0, 10),
        requests: 3,
        promptTokens: 30,
        completionTokens: 15,
        costMicro: '600',
      },
    ]);
    const byTask = await billing.stack.call('GET', `/teams/${teamId}/usage?groupBy=task_type`);
    expect(byTask.body.rows[0].group).toBe('summarize');
    const bad = await billing.stack.call('GET', `/teams/${teamId}/usage?groupBy=color`);
    expect(bad.status).toBe(400);
  });
});
