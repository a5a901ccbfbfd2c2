import { USAGE_EVENT_JOB, USAGE_EVENTS_QUEUE, type UsageEvent } from '@switchyard/contracts';
import { LedgerService } from '@switchyard/ledger';
import { redisOptions } from '@switchyard/queue';
import { usageEventFixture, waitFor } from '@switchyard/testing';
import { Queue } from 'bullmq';
import { createTeamWithKey } from './support/admin-stack';
import { useAdminStackWithHolds } from './support/admin-stack-with-holds';

// Real: billing as a process (admin API + usage worker), Postgres, Redis, BullMQ. Drift is
// injected straight into Postgres and Redis, as a bug or a hand edit would. (The ops CLI: ops-cli.e2e-spec.ts.)

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const billing = useAdminStackWithHolds();
let queue: Queue;

beforeAll(async () => {
  queue = new Queue(USAGE_EVENTS_QUEUE, {
    connection: redisOptions(REDIS_URL, 'client'),
    prefix: billing.stack.redisPrefix,
  });
});

afterAll(async () => {
  await queue?.obliterate({ force: true });
  await queue?.close();
});

function usageEvent(teamId: string, apiKeyId: string, costMicro: bigint): UsageEvent {
  return usageEventFixture({ teamId, apiKeyId, costMicro: costMicro.toString(), latencyMs: 1 });
}

async function billedTeam() {
  const team = await createTeamWithKey(billing.stack);
  await billing.stack.call('POST', `/teams/${team.teamId}/credits/grants`, {
    idempotencyKey: 'g',
    body: { amountMicro: '1000000' },
  });
  const event = usageEvent(team.teamId, team.keyId, 1_000n);
  await new LedgerService(billing.prisma).applyUsageEvents([event]);
  return { ...team, requestId: event.requestId };
}

describe('admin API: reconciliation', () => {
  it('reports a clean team as ok', async () => {
    const { teamId } = await billedTeam();
    const report = await billing.stack.call('GET', `/reconciliation?teamId=${teamId}`);
    expect(report.body).toMatchObject({ ok: true, teamsChecked: 1, drifts: [] });
  });

  it('reports a balance edited by hand, a broken balance_after chain, unpaired usage and orphan holds', async () => {
    const { teamId, keyId, requestId } = await billedTeam();
    await billing.prisma
      .$executeRaw`UPDATE credit_accounts SET balance_micro = balance_micro + 5 WHERE team_id = ${teamId}::uuid`;
    await billing.prisma.$executeRaw`UPDATE ledger_entries SET balance_after_micro = 1 WHERE request_id = ${requestId}`;
    const unbilled = usageEvent(teamId, keyId, 7n);
    await billing.prisma.usageRecord.create({
      data: {
        ...unbilled,
        ...unbilled.usage,
        usage: undefined,
        v: undefined,
        costMicro: 7n,
        occurredAt: new Date(unbilled.occurredAt),
      } as never,
    });
    await billing.holds.place(teamId, requestId, 500n); // a hold for a request that is already billed

    const { body } = await billing.stack.call('GET', `/reconciliation?teamId=${teamId}`);
    expect(body.ok).toBe(false);
    expect(body.drifts.map((d: { check: string }) => d.check).sort()).toEqual([
      'balance_after_chain',
      'balance_vs_entries',
      'orphan_hold',
      'usage_without_entry',
    ]);
    expect(body.drifts.find((d: { check: string }) => d.check === 'balance_vs_entries').detail).toBe(
      'balance is 999005 but the entries sum to 999000',
    );
  });

  it('reports the newest all-teams run in /metrics (a one-team run does not count), for alerting on drift', async () => {
    const metrics = async () => (await fetch(`${billing.stack.url}/metrics`)).text();
    /** The value of one exposed series, e.g. `name{label="x",app="billing"}`; NaN when absent. */
    const sample = (text: string, series: string) =>
      Number(
        text
          .split('\n')
          .find((line) => line.startsWith(`${series} `))
          ?.slice(series.length + 1),
      );
    const lastRun = 'switchyard_reconciliation_last_run_timestamp_seconds{app="billing"}';
    const { teamId } = await billedTeam();
    await billing.stack.call('GET', `/reconciliation?teamId=${teamId}`);
    expect(sample(await metrics(), lastRun)).toBe(0);

    const { body } = await billing.stack.call('GET', '/reconciliation');
    const text = await metrics();
    expect(sample(text, lastRun)).toBe(Date.parse(body.checkedAt) / 1000);
    // The previous test's drifted team is among all teams; other spec files may add their own.
    for (const check of ['balance_vs_entries', 'balance_after_chain', 'usage_without_entry', 'orphan_hold'])
      expect(sample(text, `switchyard_reconciliation_drifts{check="${check}",app="billing"}`)).toBe(
        body.drifts.filter((d: { check: string }) => d.check === check).length,
      );
    expect(sample(text, 'switchyard_reconciliation_drifts{check="balance_vs_entries",app="billing"}')).toBeGreaterThan(
      0,
    );
  });
});

describe('admin API: failed billing events', () => {
  it('lists a permanently failed event and replays it; a scoped token of another team sees neither', async () => {
    const owner = await createTeamWithKey(billing.stack);
    const other = await createTeamWithKey(billing.stack);
    const otherToken = (
      await billing.stack.call('POST', '/admin-tokens', {
        body: { name: 'other', scope: 'write', teamId: other.teamId },
      })
    ).body.token;
    const malformed = { ...usageEvent(owner.teamId, owner.keyId, 1n), costMicro: '-1' };
    await queue.add(USAGE_EVENT_JOB, malformed, { jobId: malformed.requestId, attempts: 3 });
    await waitFor(async () => (await queue.getJobState(malformed.requestId)) === 'failed', {
      timeoutMs: 15_000,
      describe: 'the malformed event to fail',
    });

    const listed = await billing.stack.call('GET', '/billing/failed-events');
    expect(listed.body.events).toContainEqual(
      expect.objectContaining({
        jobId: malformed.requestId,
        teamId: owner.teamId,
        requestId: malformed.requestId,
        data: malformed,
      }),
    );
    const hidden = await billing.stack.call('GET', '/billing/failed-events', { token: otherToken });
    expect(hidden.body.events.map((e: { jobId: string }) => e.jobId)).not.toContain(malformed.requestId);
    expect(
      (await billing.stack.call('POST', `/billing/failed-events/${malformed.requestId}/replay`, { token: otherToken }))
        .status,
    ).toBe(404);

    const replayed = await billing.stack.call('POST', `/billing/failed-events/${malformed.requestId}/replay`);
    expect(replayed).toMatchObject({ status: 200, body: { jobId: malformed.requestId } });
    expect(await queue.getJobState(malformed.requestId)).not.toBe('unknown');
  });
});
