import { readFileSync } from 'node:fs';
import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma, rawExchange, startLatencyProbe } from '@switchyard/testing';
import { startE2eStack, type E2eStack } from './support/e2e-stack';
import { createTeam, type TeamFixture } from './support/e2e-fixtures';
import { deeplyNestedBody, gzipped, postChat } from './support/hostile-bodies';
import { metricValue, scrape } from './support/prometheus-text';

// Real: a gateway with the production Node flags, billing, Postgres, Redis; simulated upstream.
// For a few seconds, every hostile shape the ingress must absorb, several at once, while a normal
// client (a process of its own) keeps asking for completions: it must be served throughout.
const NODE_ARGS = JSON.parse(readFileSync('config/node-args.json', 'utf8')) as Record<string, string[]>;
const REQUEST_TIMEOUT_MS = 4_000;
const HOSTILE_FOR_MS = 6_000;
const SENDERS = 6;
const HELLO = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hi.' }], max_tokens: 8 });

describe('Hostile traffic mixed with normal traffic', () => {
  let stack: E2eStack;
  let prisma: PrismaClient;
  let team: TeamFixture;

  beforeAll(async () => {
    prisma = createTestPrisma();
    stack = await startE2eStack({
      NODE_OPTIONS: NODE_ARGS.gateway.join(' '),
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
    });
    team = await createTeam(prisma, { grantMicro: 1_000_000_000n });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await prisma?.$disconnect();
  });

  it('answers every hostile request with a 4xx, never crashes, and keeps serving a normal client', async () => {
    const key = { authorization: `Bearer ${team.apiKey}` };
    const nested = deeplyNestedBody(9_800_000);
    const wide = Buffer.from(`{"model":"gpt-4o-mini","messages":[],"metadata":[${'0,'.repeat(4_899_000)}0]}`);
    // Compressing is the sender's work, not the gateway's: done once, up front.
    const bomb = gzipped(Buffer.from(`{"user":"${' '.repeat(11 * 2 ** 20)}"}`));
    const nestedBomb = gzipped(nested);
    const gzip = { ...key, 'content-encoding': 'gzip' };
    const shapes: Array<() => Promise<{ status: number; body: string }>> = [
      () => postChat(stack.gatewayUrl, nested, key),
      () => postChat(stack.gatewayUrl, wide, key),
      () => postChat(stack.gatewayUrl, bomb, gzip),
      () => postChat(stack.gatewayUrl, nestedBomb, gzip),
      () => postChat(stack.gatewayUrl, nested, { authorization: 'Bearer sy_live_not-a-key' }),
      () =>
        postChat(stack.gatewayUrl, Buffer.from(HELLO), { ...key, 'content-type': 'application/json; charset=latin1' }),
    ];

    const normal = startLatencyProbe(`${stack.gatewayUrl}/v1/chat/completions`, {
      init: { method: 'POST', headers: { ...key, 'content-type': 'application/json' }, body: HELLO },
    });
    await normal.ready;
    // Slow bodies and broken HTTP on raw connections, all along.
    const slow = Array.from({ length: 20 }, () =>
      rawExchange(
        stack.gateway.port,
        `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${team.apiKey}\r\n` +
          'Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"model":',
      ),
    );
    const drip = setInterval(() => slow.forEach((s) => s.write(' ')), 200);
    const broken = [
      rawExchange(stack.gateway.port, `GET /v1/models HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`),
      rawExchange(stack.gateway.port, 'POST /v1/chat/completions HTTP/1.1\r\nContent-Length: -1\r\n\r\n'),
    ];

    const statuses = new Map<number, number>();
    const deadline = Date.now() + HOSTILE_FOR_MS;
    await Promise.all(
      Array.from({ length: SENDERS }, async (_, sender) => {
        for (let i = sender; Date.now() < deadline; i += SENDERS) {
          const { status } = await shapes[i % shapes.length]();
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
        }
      }),
    );
    const slowAnswers = await Promise.all(slow.map((s) => s.answer));
    clearInterval(drip);
    const brokenAnswers = await Promise.all(broken.map((b) => b.answer));
    const others = await normal.stop();
    [...slow, ...broken].forEach((s) => s.close());

    const metrics = await scrape(stack.gatewayUrl);
    const fiveHundreds = ['500', '502', '503', '504'].reduce(
      (n, status) => n + metricValue(metrics, 'switchyard_http_requests_total', { status }),
      0,
    );
    process.stdout.write(
      `mixed: hostile ${JSON.stringify(Object.fromEntries(statuses))}, slow bodies ${[...new Set(slowAnswers.map((a) => a.status))]}, ` +
        `broken ${brokenAnswers.map((a) => a.status)}; normal client: ${others.samples} completions, ` +
        `p50 ${others.p50Ms.toFixed(1)} ms, p99 ${others.p99Ms.toFixed(1)} ms, ${others.failures} failed\n`,
    );
    expect(stack.gateway.child.exitCode).toBeNull();
    expect([...statuses.keys()].sort()).toEqual([400, 401, 413, 415]);
    expect(slowAnswers.map((a) => a.status)).toEqual(Array(20).fill(408));
    expect(brokenAnswers.map((a) => a.status)).toEqual([431, 400]);
    expect(fiveHundreds).toBe(0);
    expect(others.failures).toBe(0);
    expect(others.p99Ms).toBeLessThan(250);
  }, 120_000);
});
