import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { waitFor } from '@switchyard/testing';
import { useFundedStack } from './support/funded-stack';

// Real: gateway and billing processes, Postgres, Redis, BullMQ; signals sent to the real process.
// Simulated: a slow upstream (80 ms between chunks), so streams are open when SIGTERM arrives.
const STREAMS = 50;
const REPO_ROOT = resolve(__dirname, '../../..');

describe('gateway process lifecycle', () => {
  const e2e = useFundedStack(
    1_000_000_000n,
    { SHUTDOWN_TIMEOUT_MS: '20000' },
    { simulator: { chunkDelayMs: 80, chunkTokens: 1 } },
  );

  it(`finishes and bills ${STREAMS} open streams on SIGTERM, refuses new connections, then exits 0`, async () => {
    const opened: Array<() => void> = [];
    const allOpen = new Promise<void>((done) => {
      let count = 0;
      for (let i = 0; i < STREAMS; i++) opened.push(() => ++count === STREAMS && done());
    });
    const streams = Array.from({ length: STREAMS }, async (_, i) => {
      const res = await fetch(`${e2e.stack.gatewayUrl}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${e2e.team.apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gpt-4o-mini',
          messages: [{ role: 'user', content: `Tell story ${i}.` }],
          max_tokens: 20,
          stream: true,
        }),
      });
      opened[i]();
      return { status: res.status, requestId: res.headers.get('x-request-id'), text: await res.text() };
    });
    await allOpen;

    const signalledAt = Date.now();
    const exited = once(e2e.stack.gateway.child, 'exit') as Promise<[number | null]>;
    e2e.stack.gateway.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 200));
    await expect(fetch(`${e2e.stack.gatewayUrl}/health/live`)).rejects.toThrow();

    const answers = await Promise.all(streams);
    const lastStreamEndedMs = Date.now() - signalledAt;
    const [code] = await exited;
    const exitMs = Date.now() - signalledAt;

    expect(code).toBe(0);
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(answer.text.trimEnd().endsWith('data: [DONE]')).toBe(true);
      expect(answer.text).not.toContain('"error"');
    }
    // Every stream is billed exactly once (billing is still running and drains the queue).
    const requestIds = await waitFor(
      async () => {
        const records = await e2e.prisma.usageRecord.findMany({
          where: { teamId: e2e.team.teamId },
          select: { requestId: true, status: true },
        });
        return records.length >= STREAMS ? records : null;
      },
      { timeoutMs: 20_000, describe: 'usage records for every stream' },
    );
    expect(requestIds).toHaveLength(STREAMS);
    expect(requestIds.every((r) => r.status === 'completed')).toBe(true);
    expect(await e2e.prisma.ledgerEntry.count({ where: { teamId: e2e.team.teamId, kind: 'usage' } })).toBe(STREAMS);

    process.stdout.write(
      `shutdown: ${STREAMS} streams open at SIGTERM; last ended after ${lastStreamEndedMs} ms; exit 0 after ${exitMs} ms\n`,
    );
  }, 60_000);

  it('billing drains and exits 0 on SIGTERM', async () => {
    const startedAt = Date.now();
    expect(await e2e.stack.billing.stop(15_000)).toBe(0);
    process.stdout.write(`shutdown: billing exited 0 after ${Date.now() - startedAt} ms\n`);
  });

  it.each([
    ['gateway', 'GATEWAY_PORT'],
    ['billing', 'BILLING_PORT'],
  ])(
    '%s refuses to boot with bad configuration, listing every bad variable, and exits 1',
    async (app, portVariable) => {
      const child = spawn(process.execPath, ['-r', '@swc-node/register', `apps/${app}/src/main.ts`], {
        cwd: REPO_ROOT,
        env: {
          PATH: process.env.PATH,
          NODE_ENV: 'staging',
          [portVariable]: 'eighty',
          REDIS_URL: 'http://not-redis',
          DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/x',
          CORS_ORIGINS: 'a, b',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const [code] = (await once(child, 'exit')) as [number | null];

      expect(code).toBe(1);
      expect(stderr).toMatch(/^Invalid configuration:\n/);
      for (const variable of ['NODE_ENV', portVariable, 'REDIS_URL', 'CORS_ORIGINS'])
        expect(stderr).toMatch(new RegExp(`^  - ${variable}: `, 'm'));
      expect(stderr).not.toContain('DATABASE_URL');
      expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    },
    30_000,
  );
});
