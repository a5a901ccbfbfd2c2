import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LedgerService } from '@switchyard/ledger';
import type { PrismaClient } from '@switchyard/db';
import { createSimulatedServer } from '@switchyard/providers';
import {
  type AppProcess,
  createTestPrisma,
  type PausableServer,
  startAppProcess,
  startPrivateRedis,
  testRedisPrefix,
  waitFor,
} from '@switchyard/testing';
import { createTeam } from './support/e2e-fixtures';
import { requestIdsIn } from './support/usage-files';

// Real: billing and two gateway processes in turn, on a private redis-server this test freezes,
// Postgres (this run's database). Simulated: the upstream, answering after 1 s. The gateway answers
// once a request's usage event is in its journal; this kills it before Redis has the events.
const REQUESTS = 20;

describe('gateway fault: SIGKILLed after answering, before Redis took the usage events', () => {
  let redis: PausableServer;
  let prisma: PrismaClient;
  let simulator: Server;
  let billing: AppProcess;
  let gateways: AppProcess[] = [];
  let spoolDir: string;
  let gatewayEnv: Record<string, string>;

  beforeAll(async () => {
    redis = await startPrivateRedis();
    prisma = createTestPrisma();
    simulator = createSimulatedServer({ latencyMs: 1_000 });
    simulator.listen(0, '127.0.0.1');
    await once(simulator, 'listening');
    spoolDir = mkdtempSync(join(tmpdir(), 'switchyard-spool-'));
    const shared = {
      DATABASE_URL: process.env.DATABASE_URL as string,
      REDIS_URL: redis.url,
      REDIS_PREFIX: testRedisPrefix('e2e-kill'),
    };
    gatewayEnv = {
      ...shared,
      SIMULATED_PROVIDER_URL: `http://127.0.0.1:${(simulator.address() as AddressInfo).port}/v1`,
      OPENAI_API_KEY: '',
      USAGE_SPOOL_DIR: spoolDir,
    };
    [billing, ...gateways] = await Promise.all([
      startAppProcess('billing', shared),
      startAppProcess('gateway', gatewayEnv),
    ]);
  }, 90_000);

  afterAll(async () => {
    redis?.resume();
    await Promise.all([billing?.stop(), ...gateways.map((g) => g.stop())]);
    simulator?.close();
    rmSync(spoolDir, { recursive: true, force: true });
    await prisma?.$disconnect();
    await redis?.destroy();
  });

  it('bills every answered request exactly once, from the journal the next gateway recovers at boot', async () => {
    const team = await createTeam(prisma, { grantMicro: 1_000_000_000n });
    let upstream = 0;
    simulator.on('request', () => upstream++);
    const pending = Array.from({ length: REQUESTS }, () =>
      fetch(`${gateways[0].url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${team.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: 'Bill me after a crash.' }],
          max_tokens: 16,
        }),
      }),
    );
    await waitFor(async () => upstream >= REQUESTS, {
      timeoutMs: 10_000,
      describe: 'every request upstream (its hold placed)',
    });

    // Frozen, Redis takes no usage event; the answers still leave, each once its event is journaled.
    redis.pause();
    const answers = await Promise.all(pending);
    const served = answers.map((r) => r.headers.get('x-request-id') as string);
    expect(answers.map((r) => r.status)).toEqual(Array(REQUESTS).fill(200));
    expect(requestIdsIn(join(spoolDir, 'journal')).sort()).toEqual([...served].sort());

    const [crashed] = gateways;
    const exited = once(crashed.child, 'exit');
    crashed.child.kill('SIGKILL');
    await exited;
    redis.resume();
    gateways = [await startAppProcess('gateway', gatewayEnv)];

    await waitFor(
      async () => (await prisma.ledgerEntry.count({ where: { teamId: team.teamId, kind: 'usage' } })) >= REQUESTS,
      { timeoutMs: 30_000, describe: `${REQUESTS} debits` },
    );
    await waitFor(async () => requestIdsIn(join(spoolDir, 'journal')).length === 0, {
      timeoutMs: 10_000,
      describe: 'an empty journal',
    });
    // Only the new gateway's recovery deletes the crashed one's segment; its log line says how many it delivered.
    await waitFor(async () => gateways[0].output().includes('usage journal recovered'), {
      timeoutMs: 5_000,
      describe: 'the recovery log line',
    });
    expect(gateways[0].output()).toContain(`"recovered":${REQUESTS}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const debits = await prisma.ledgerEntry.findMany({ where: { teamId: team.teamId, kind: 'usage' } });
    expect(debits.map((d) => d.requestId).sort()).toEqual([...served].sort());
    await expect(new LedgerService(prisma).verifyTeam(team.teamId)).resolves.toMatchObject({
      ok: true,
      entryCount: REQUESTS + 1,
    });
  }, 90_000);
});
