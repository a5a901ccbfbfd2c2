import { readFileSync } from 'node:fs';
import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma, peakRssBytes, rawExchange, startLatencyProbe } from '@switchyard/testing';
import { createTeam, type TeamFixture } from './support/e2e-fixtures';
import { startE2eStack, type E2eStack } from './support/e2e-stack';
import { type Answer, bulkyBody, deeplyNestedBody, gzipped, postChat } from './support/hostile-bodies';
import { metricValue, scrape } from './support/prometheus-text';

// Real: a gateway process with the production Node flags (config/node-args.json: its heap cap),
// billing, Postgres, Redis; simulated upstream. Hostile bodies just under the 10 MiB body limit,
// sent while another client (a process of its own) probes /health/live: nobody else may wait long.
const NODE_ARGS = JSON.parse(readFileSync('config/node-args.json', 'utf8')) as Record<string, string[]>;
const BODY_BYTES = 9_800_000;
const MiB = 2 ** 20;

const errorOf = (body: string) => (JSON.parse(body) as { error: { code: string; message: string } }).error;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('Hostile request bodies', () => {
  let stack: E2eStack;
  let prisma: PrismaClient;
  let team: TeamFixture;
  const nested = deeplyNestedBody(BODY_BYTES);

  beforeAll(async () => {
    prisma = createTestPrisma();
    stack = await startE2eStack({ NODE_OPTIONS: NODE_ARGS.gateway.join(' ') });
    team = await createTeam(prisma, { grantMicro: 100_000_000n });
    // Warm up (lazy compilation of the express and ingress paths, connection pools): a fresh
    // process's first requests are slow whatever they carry, and that is not what is measured here.
    const hello = Buffer.from(JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] }));
    for (let i = 0; i < 20; i++) {
      await postChat(stack.gatewayUrl, hello, { authorization: `Bearer ${team.apiKey}` });
      await Promise.all([fetch(`${stack.gatewayUrl}/health/live`), scrape(stack.gatewayUrl)]);
    }
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await prisma?.$disconnect();
  });

  /**
   * Sends `count` bodies at once, `rounds` times, while the probe runs; reports the answers, what
   * the other client saw, the gateway's longest event loop stall and how much its peak RSS grew.
   */
  async function burst(send: () => Promise<Answer>, count: number, rounds = 1) {
    const pid = stack.gateway.child.pid as number;
    const rssBefore = peakRssBytes(pid);
    const probe = startLatencyProbe(`${stack.gatewayUrl}/health/live`, { everyMs: 5 });
    await probe.ready;
    await scrape(stack.gatewayUrl); // resets the event loop delay histogram: what follows is the burst's
    const startedAt = performance.now();
    const answers: Answer[] = [];
    for (let round = 0; round < rounds; round++)
      answers.push(...(await Promise.all(Array.from({ length: count }, send))));
    const elapsedMs = performance.now() - startedAt;
    await new Promise((r) => setTimeout(r, 300));
    const others = await probe.stop();
    const { exitCode, signalCode } = stack.gateway.child;
    const alive = exitCode === null && signalCode === null;
    if (!alive)
      process.stdout.write(`gateway died (${signalCode ?? exitCode}):\n${stack.gateway.output().slice(-300)}\n`);
    const peakGrowthMiB = alive ? (peakRssBytes(pid) - rssBefore) / MiB : NaN;
    const loopMaxMs = alive
      ? metricValue(await scrape(stack.gatewayUrl), 'nodejs_eventloop_lag_max_seconds') * 1000
      : NaN;
    process.stdout.write(
      `${rounds} × ${count} bodies in ${elapsedMs.toFixed(0)} ms, statuses ${[...new Set(answers.map((a) => a.status))]}; ` +
        `others: ${others.samples} probes, p50 ${others.p50Ms.toFixed(1)} ms, p99 ${others.p99Ms.toFixed(1)} ms, ` +
        `${others.failures} failed; gateway: event loop stalled ≤ ${loopMaxMs.toFixed(1)} ms, ` +
        `peak RSS +${peakGrowthMiB.toFixed(0)} MiB\n`,
    );
    return { answers, others, alive, peakGrowthMiB, loopMaxMs };
  }

  it('refuses ten concurrent 9.8 MB bodies nested deep in an ignored field with a 400 naming the limit, and stays up and responsive', async () => {
    const send = () => postChat(stack.gatewayUrl, nested, { authorization: `Bearer ${team.apiKey}` });
    const { answers, others, alive, peakGrowthMiB } = await burst(send, 10, 3);
    expect(alive).toBe(true);
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(400));
    for (const answer of answers) {
      expect(errorOf(answer.body)).toEqual({
        code: 'invalid_request',
        type: 'invalid_request_error',
        param: null,
        message: 'The JSON body is nested too deeply: the depth limit is 64 levels.',
      });
    }
    expect(others.failures).toBe(0);
    expect(others.p99Ms).toBeLessThan(100);
    // Refused as they stream in, never buffered whole: memory grows by little more than socket buffers.
    expect(peakGrowthMiB).toBeLessThan(64);
  }, 120_000);

  it('answers the same bodies gzip-compressed (~10 KB on the wire) without a valid key with 401, never reading them', async () => {
    const bomb = gzipped(nested);
    expect(bomb.length).toBeLessThan(16 * 1024);
    const headers = { authorization: 'Bearer sy_live_not-a-key', 'content-encoding': 'gzip' };
    const { answers, others, alive } = await burst(() => postChat(stack.gatewayUrl, bomb, headers), 10, 3);
    expect(alive).toBe(true);
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(401));
    expect(errorOf(answers[0].body).code).toBe('invalid_api_key');
    expect(others.failures).toBe(0);
    expect(others.p99Ms).toBeLessThan(100);
  }, 120_000);

  it('refuses the gzip-compressed nested bodies from a valid key at the depth limit, inflating only their first KBs', async () => {
    const compressed = gzipped(nested);
    const headers = { authorization: `Bearer ${team.apiKey}`, 'content-encoding': 'gzip' };
    const { answers, others, alive } = await burst(() => postChat(stack.gatewayUrl, compressed, headers), 10, 3);
    expect(alive).toBe(true);
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(400));
    expect(errorOf(answers[0].body).message).toMatch(/depth limit is 64/);
    expect(others.p99Ms).toBeLessThan(100);
  }, 120_000);

  it('stops inflating a gzip bomb as soon as it passes the body limit: 413, off the event loop', async () => {
    const bomb = gzipped(Buffer.from(`{"model":"gpt-4o-mini","user":"${' '.repeat(11 * MiB)}"}`));
    expect(bomb.length).toBeLessThan(16 * 1024);
    const headers = { authorization: `Bearer ${team.apiKey}`, 'content-encoding': 'gzip' };
    const { answers, alive, loopMaxMs } = await burst(() => postChat(stack.gatewayUrl, bomb, headers), 10);
    expect(alive).toBe(true);
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(413));
    expect(errorOf(answers[0].body)).toMatchObject({ code: 'payload_too_large' });
    // zlib runs on the thread pool: the event loop only counts what comes out.
    expect(loopMaxMs).toBeLessThan(100);
  }, 120_000);

  it('answers 401 to a request without a valid key before its body has arrived', async () => {
    const head =
      'POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer sy_live_not-a-key\r\n' +
      `Content-Type: application/json\r\nContent-Length: ${nested.length}\r\n\r\n`;
    const exchange = rawExchange(stack.gateway.port, Buffer.concat([Buffer.from(head), nested.subarray(0, 65_536)]));
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('no answer within 3 s')), 3_000),
    );
    try {
      const answer = await Promise.race([exchange.answer, timeout]);
      expect(answer.status).toBe(401);
      expect(errorOf(answer.body).code).toBe('invalid_api_key');
      expect(answer.headers['x-request-id']).toEqual(expect.any(String));
      // The rest will not be read: the connection closes once the client had time to read this.
      expect(answer.headers.connection).toBe('close');
    } finally {
      exchange.close();
    }
  });

  it('serves a 9.8 MB request stalling the event loop a few ms per MB, as before', async () => {
    const body = bulkyBody(BODY_BYTES);
    const stalls: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { answers, alive, loopMaxMs } = await burst(
        () => postChat(stack.gatewayUrl, body, { authorization: `Bearer ${team.apiKey}` }),
        1,
      );
      expect(alive).toBe(true);
      expect(answers[0].status).toBe(200);
      stalls.push(loopMaxMs);
    }
    process.stdout.write(
      `9.8 MB body: longest event loop stall, median of 3: ${(median(stalls) / 9.8).toFixed(1)} ms per MB\n`,
    );
    expect(median(stalls)).toBeLessThan(100);
  }, 60_000);
});
