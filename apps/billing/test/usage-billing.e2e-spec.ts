import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { USAGE_EVENT_JOB, USAGE_EVENTS_QUEUE, type UsageEvent } from '@switchyard/contracts';
import { LedgerService } from '@switchyard/ledger';
import { CreditHolds } from '@switchyard/holds';
import type { PrismaClient } from '@switchyard/db';
import { createRedis, redisOptions, UsageEventProducer, type RedisClient } from '@switchyard/queue';
import { createTestPrisma, testRedisPrefix, usageEventFixture, waitFor } from '@switchyard/testing';
import { type JobState, Queue } from 'bullmq';
import { createBillingApp } from '../src/bootstrap';

// Real: the billing app (in-process, port 0), Postgres (per-run database), Redis and BullMQ under
// a prefix unique to this file. Faked: nothing; the gateway's part is played by the producer and
// CreditHolds it would use.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
let prefix: string;

let app: INestApplication;
let prisma: PrismaClient;
let producerRedis: RedisClient;
let producer: UsageEventProducer;
let queue: Queue;
let holds: CreditHolds;

beforeAll(async () => {
  prefix = testRedisPrefix('usage-billing-e2e');
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL,
    REDIS_PREFIX: prefix,
    BILLING_PORT: '0',
  };
  ({ app } = await createBillingApp(env));
  await app.listen(0, '127.0.0.1');
  prisma = createTestPrisma();
  producerRedis = createRedis(REDIS_URL, 'producer');
  producer = new UsageEventProducer(producerRedis, { prefix: prefix });
  queue = new Queue(USAGE_EVENTS_QUEUE, { connection: redisOptions(REDIS_URL, 'client'), prefix: prefix });
  holds = new CreditHolds(producerRedis, { keyPrefix: prefix }, (teamId) =>
    new LedgerService(prisma).balanceOf(teamId),
  );
});

afterAll(async () => {
  await app?.close();
  await queue?.obliterate({ force: true });
  await Promise.all([queue?.close(), producer?.close()]);
  producerRedis?.disconnect();
  await prisma?.$disconnect();
});

async function setup(grantMicro: bigint): Promise<{ teamId: string; apiKeyId: string }> {
  const team = await prisma.team.create({ data: { name: `billing-e2e-${randomUUID()}` } });
  const key = await prisma.apiKey.create({
    data: { teamId: team.id, name: 'e2e', keyHash: randomUUID(), displayPrefix: 'sy_live_e2e' },
  });
  await new LedgerService(prisma).grant(team.id, grantMicro, { idempotencyKey: `e2e:${team.id}`, actor: 'e2e' });
  return { teamId: team.id, apiKeyId: key.id };
}

function usageEvent(owner: { teamId: string; apiKeyId: string }, costMicro: bigint): UsageEvent {
  return usageEventFixture({
    clientRequestId: 'client-1',
    ...owner,
    model: 'pro-large',
    upstreamModel: 'sim-pro-1',
    tier: 'pro',
    taskType: 'code_gen',
    usage: { promptTokens: 100, completionTokens: 50, cachedReadTokens: 10, cacheCreationTokens: 0 },
    costMicro: costMicro.toString(),
    latencyMs: 120,
    occurredAt: '2025-06-01T12:00:00.000Z',
  });
}

async function waitForJob(jobId: string, state: JobState): Promise<void> {
  await waitFor(async () => (await queue.getJobState(jobId)) === state, {
    timeoutMs: 15_000,
    intervalMs: 25,
    describe: `job ${jobId} to be ${state}`,
  });
}

function entriesOf(teamId: string) {
  return prisma.ledgerEntry.findMany({ where: { teamId }, orderBy: { id: 'asc' } });
}

describe('billing: usage events → ledger', () => {
  it('answers its liveness probe', async () => {
    const response = await fetch(`${await app.getUrl()}/health/live`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok' });
  });

  it('debits a served request and settles its hold in the gateways’ cache', async () => {
    const owner = await setup(10_000_000n);
    const event = usageEvent(owner, 300_000n);
    await holds.place(owner.teamId, event.requestId, 1_000_000n);
    await holds.settle(owner.teamId, event.requestId, 300_000n);

    await producer.emit(event);
    await waitForJob(event.requestId, 'completed');

    const [grant, debit] = await entriesOf(owner.teamId);
    expect(debit).toMatchObject({
      kind: 'usage',
      amountMicro: -300_000n,
      balanceAfterMicro: 9_700_000n,
      requestId: event.requestId,
      apiKeyId: owner.apiKeyId,
    });
    expect(grant).toMatchObject({ kind: 'grant', balanceAfterMicro: 10_000_000n });
    await expect(prisma.creditAccount.findUniqueOrThrow({ where: { teamId: owner.teamId } })).resolves.toMatchObject({
      balanceMicro: 9_700_000n,
      lastEntryId: debit.id,
    });
    await expect(
      prisma.usageRecord.findUniqueOrThrow({ where: { requestId: event.requestId } }),
    ).resolves.toMatchObject({
      clientRequestId: 'client-1',
      teamId: owner.teamId,
      apiKeyId: owner.apiKeyId,
      model: 'pro-large',
      provider: 'simulated',
      upstreamModel: 'sim-pro-1',
      tier: 'pro',
      taskType: 'code_gen',
      promptTokens: 100,
      completionTokens: 50,
      cachedReadTokens: 10,
      cacheCreationTokens: 0,
      costMicro: 300_000n,
      latencyMs: 120,
      status: 'completed',
      occurredAt: new Date(event.occurredAt),
    });
    await expect(holds.snapshot(owner.teamId)).resolves.toEqual({
      balanceMicro: 9_700_000n,
      heldMicro: 0n,
      availableMicro: 9_700_000n,
    });
  });

  it('debits once when the event is enqueued twice and replayed after completion under a new job id', async () => {
    const owner = await setup(5_000_000n);
    const event = usageEvent(owner, 1_250_000n);

    await Promise.all([producer.emit(event), producer.emit(event)]);
    await waitForJob(event.requestId, 'completed');
    const replayId = `${event.requestId}-replay`; // BullMQ job ids must not contain ":"
    await queue.add(USAGE_EVENT_JOB, event, { jobId: replayId });
    await waitForJob(replayId, 'completed');

    const entries = await entriesOf(owner.teamId);
    expect(entries.map((e) => [e.kind, e.amountMicro, e.balanceAfterMicro])).toEqual([
      ['grant', 5_000_000n, 5_000_000n],
      ['usage', -1_250_000n, 3_750_000n],
    ]);
    expect(await prisma.usageRecord.count({ where: { requestId: event.requestId } })).toBe(1);
    await expect(new LedgerService(prisma).verifyTeam(owner.teamId)).resolves.toMatchObject({
      ok: true,
      balanceMicro: 3_750_000n,
    });
  });

  it('debits every event of a burst exactly once', async () => {
    const owner = await setup(100_000_000n);
    const events = Array.from({ length: 40 }, (_, i) => usageEvent(owner, BigInt(1_000 * (i + 1))));

    await Promise.all(events.map((e) => producer.emit(e)));
    await Promise.all(events.map((e) => waitForJob(e.requestId, 'completed')));

    const total = events.reduce((sum, e) => sum + BigInt(e.costMicro), 0n);
    await expect(new LedgerService(prisma).verifyTeam(owner.teamId)).resolves.toEqual({
      ok: true,
      balanceMicro: 100_000_000n - total,
      sumMicro: 100_000_000n - total,
      lastBalanceAfterMicro: 100_000_000n - total,
      entryCount: 41,
    });
  });

  it('fails a malformed event for good, keeps it in the failed set and writes nothing', async () => {
    const owner = await setup(1_000_000n);
    const malformed = { ...usageEvent(owner, 1n), costMicro: '-5' };

    await queue.add(USAGE_EVENT_JOB, malformed, { jobId: malformed.requestId, attempts: 5 });
    await waitForJob(malformed.requestId, 'failed');

    const job = await queue.getJob(malformed.requestId);
    expect(job?.attemptsMade).toBe(1);
    expect(job?.failedReason).toBe(
      'Malformed usage event: costMicro must be a non-negative integer string of micro-credits',
    );
    expect((await queue.getFailed()).map((j) => j.id)).toContain(malformed.requestId);
    expect(await prisma.usageRecord.count({ where: { teamId: owner.teamId } })).toBe(0);
    expect((await entriesOf(owner.teamId)).map((e) => e.kind)).toEqual(['grant']);
  });
});
