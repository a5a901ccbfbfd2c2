import { randomUUID } from 'node:crypto';
import { USAGE_EVENT_JOB, USAGE_EVENTS_QUEUE } from '@switchyard/contracts';
import type { PrismaClient } from '@switchyard/db';
import { LedgerService } from '@switchyard/ledger';
import { redisOptions } from '@switchyard/queue';
import { createTestPrisma } from '@switchyard/testing';
import { Queue } from 'bullmq';
import { type AdminStack, startAdminStack } from './support/admin-stack';
import { opsCli, type OpsRun } from './support/ops-cli';

// Real: billing as a process (admin API + usage worker), Postgres, Redis, BullMQ, and the ops CLI
// as a process for each command line (a few dozen short-lived processes).
jest.setTimeout(120_000);

let stack: AdminStack;
let prisma: PrismaClient;
let queue: Queue;
let ops: (...args: string[]) => Promise<OpsRun>;

beforeAll(async () => {
  stack = await startAdminStack();
  prisma = createTestPrisma();
  queue = new Queue(USAGE_EVENTS_QUEUE, {
    connection: redisOptions(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', 'client'),
    prefix: stack.redisPrefix,
  });
  ops = opsCli(stack);
});

afterAll(async () => {
  await stack?.stop();
  await queue?.obliterate({ force: true });
  await queue?.close();
  await prisma?.$disconnect();
});

const json = (run: OpsRun) => {
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout);
};

describe('ops CLI', () => {
  it('creates a team, grants, issues and revokes a key, shows the ledger and verifies', async () => {
    const created = await ops('team', 'create', '--name', 'cli-team');
    expect(created.code).toBe(0);
    const teamId = /created team ([0-9a-f-]{36})/.exec(created.out)?.[1] as string;
    const grant = ['grant', '--team', teamId, '--credits', '12.5', '--memo', 'welcome', '--idempotency-key', 'cli-1'];
    expect(await ops(...grant)).toMatchObject({ code: 0, out: expect.stringContaining('grant 12.500000 credits') });
    expect((await ops(...grant)).code).toBe(0);
    const issued = await ops('key', 'issue', '--team', teamId, '--name', 'ci', '--tiers', 'core', '--rpm', '60');
    expect(issued.code).toBe(0);
    const keyId = /issued key ([0-9a-f-]{36})/.exec(issued.out)?.[1] as string;
    expect(issued.out).toMatch(/\nsy_live_[0-9A-Za-z]{38}\n/);
    expect((await ops('key', 'list', '--team', teamId)).out).toContain('  ci  tiers: core');
    expect(await ops('key', 'issue', '--team', teamId, '--name', 'none', '--models', ',')).toMatchObject({ code: 2 });
    const updated = await ops(
      'key',
      'update',
      '--team',
      teamId,
      '--key',
      keyId,
      '--models',
      'gpt-4o',
      '--tiers',
      'any',
    );
    expect(updated).toMatchObject({ code: 0, out: expect.stringMatching(/\(sy_live_\w+…\) {2}models: gpt-4o\n/) });
    expect((await ops('key', 'revoke', '--team', teamId, '--key', keyId)).out).toContain('is revoked');
    const ledger = await ops('ledger', 'show', '--team', teamId);
    expect(ledger.code).toBe(0);
    expect(ledger.out.trim().split('\n')).toHaveLength(1);
    expect(ledger.out).toMatch(/grant\s+12\.500000\s+12\.500000\s+admin:bootstrap\s+"welcome"/);
    expect(await ops('verify', '--team', teamId)).toMatchObject({
      code: 0,
      out: expect.stringContaining('ok: 1 team(s), no drift'),
    });

    await prisma.$executeRaw`UPDATE credit_accounts SET balance_micro = 0 WHERE team_id = ${teamId}::uuid`;
    const drift = await ops('verify', '--team', teamId);
    expect(drift.code).toBe(1);
    expect(drift.out).toContain(`DRIFT ${teamId} balance_vs_entries: balance is 0 but the entries sum to 12500000`);
    expect((await ops('grant', '--team', teamId)).code).toBe(2);
  });

  it('has per-command flags and help: another command’s flag is refused (exit 2), --help needs no token', async () => {
    const refused = await ops('team', 'list', '--credits', '5');
    expect(refused).toMatchObject({ code: 2, out: expect.stringContaining("unknown option '--credits'") });
    expect(refused.out).toContain('Usage: ops team list [options]');
    const help = await opsCli({ ...stack, url: 'http://127.0.0.1:9' }, '')('key', 'update', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/--tpm <n>\s+tokens per minute/);
    expect((await ops('--help')).stdout).toMatch(/failed-events\s+failed-events commands/);
    expect((await ops('nonsense')).code).toBe(2);
  });

  it('disables and enables a team, finds it by name, and answers --json with the API’s own shape', async () => {
    const team = json(await ops('team', 'create', '--name', `Json Team ${randomUUID()}`, '--json'));
    expect(json(await ops('team', 'disable', '--team', team.id, '--json'))).toMatchObject({ status: 'disabled' });
    expect((await ops('team', 'enable', '--team', team.id)).out).toContain(`team ${team.id} is active`);
    const found = json(await ops('team', 'list', '--search', team.name.slice(5), '--json'));
    expect(found).toEqual([expect.objectContaining({ id: team.id, heldMicro: '0', spend30d: expect.any(Array) })]);
    const key = json(await ops('key', 'issue', '--team', team.id, '--name', 'k', '--json'));
    const edited = json(await ops('key', 'update', '--team', team.id, '--key', key.id, '--rpm', '7', '--json'));
    expect(edited).toMatchObject({ id: key.id, rpmLimit: 7 });
    await ops('grant', '--team', team.id, '--credits', '1');
    await new LedgerService(prisma).applyUsageEvents([
      {
        v: 1,
        requestId: `req_${randomUUID()}`,
        clientRequestId: null,
        teamId: team.id,
        apiKeyId: key.id,
        model: 'core-small',
        provider: 'simulated',
        upstreamModel: 'sim-1',
        tier: 'core',
        taskType: 'simple_chat',
        usage: { promptTokens: 3, completionTokens: 2, cachedReadTokens: 0, cacheCreationTokens: 0 },
        costMicro: '250',
        latencyMs: 5,
        status: 'completed',
        occurredAt: new Date().toISOString(),
      },
    ]);
    const usage = json(await ops('usage', '--team', team.id, '--group-by', 'day_tier', '--json'));
    expect(usage).toEqual({
      groupBy: 'day_tier',
      rows: [
        {
          day: new Date().toISOString().slice(0, 10),
          group: 'core',
          requests: 1,
          promptTokens: 3,
          completionTokens: 2,
          costMicro: '250',
        },
      ],
    });
    expect((await ops('usage', '--team', team.id, '--group-by', 'model', '--top', '3')).out).toMatch(
      /^core-small\s+1 requests\s+3 in\s+2 out\s+0\.000250 credits$/m,
    );
    const audit = json(await ops('audit-log', '--team', team.id, '--json'));
    expect(audit.map((r: { action: string }) => r.action)).toEqual(
      expect.arrayContaining(['team.create', 'team.disable', 'team.enable', 'api_key.update']),
    );
  });

  it('lists and replays failed events, and mints, lists and revokes admin tokens', async () => {
    const team = json(await ops('team', 'create', '--name', 'failed-events', '--json'));
    const jobId = `req_${randomUUID()}`;
    await queue.add(
      USAGE_EVENT_JOB,
      { v: 1, requestId: jobId, teamId: team.id, costMicro: '-1' },
      { jobId, attempts: 1 },
    );
    const deadline = Date.now() + 15_000;
    while ((await queue.getJobState(jobId)) !== 'failed' && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    const failed = json(await ops('failed-events', 'list', '--json'));
    expect(failed.events.map((e: { jobId: string }) => e.jobId)).toContain(jobId);
    expect((await ops('failed-events', 'list')).out).toMatch(new RegExp(`^${jobId}  .*team ${team.id}`, 'm'));
    // The console's overview counts it too, for every team and for its own team only.
    const reader = (await stack.call('POST', '/admin-tokens', { body: { name: 'r', scope: 'read', teamId: team.id } }))
      .body;
    expect((await stack.call('GET', '/overview')).body.failedEvents).toBe(1);
    expect((await stack.call('GET', '/overview', { token: reader.token })).body.failedEvents).toBe(1);
    const other = json(await ops('team', 'create', '--name', 'no-failures', '--json'));
    const outsider = json(
      await ops('admin-token', 'create', '--name', 'o', '--scope', 'read', '--team', other.id, '--json'),
    );
    expect((await stack.call('GET', '/overview', { token: outsider.token })).body.failedEvents).toBe(0);
    expect((await ops('failed-events', 'replay', '--job', jobId)).out).toContain(`replayed ${jobId}`);

    const minted = await ops('admin-token', 'create', '--name', 'cli-reader', '--scope', 'read', '--team', team.id);
    expect(minted.code).toBe(0);
    const [, tokenId] = /created admin token ([0-9a-f-]{36})/.exec(minted.out) ?? [];
    const plaintext = minted.stdout.trim().split('\n').pop() as string;
    expect(plaintext).toMatch(/^syadm_/);
    expect((await opsCli(stack, plaintext)('team', 'list')).stdout.trim()).toMatch(new RegExp(`^${team.id}  active`));
    expect(json(await ops('admin-token', 'list', '--json')).map((t: { id: string }) => t.id)).toContain(tokenId);
    expect((await ops('admin-token', 'revoke', '--token-id', tokenId)).out).toContain('revoked admin token');
    expect((await opsCli(stack, plaintext)('team', 'list')).code).toBe(1);
  });
});
