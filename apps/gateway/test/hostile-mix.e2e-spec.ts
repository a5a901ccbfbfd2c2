import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { PrismaClient } from '@switchyard/db';
import {
  type AppProcess,
  createTestPrisma,
  rawExchange,
  startAppProcess,
  startLatencyProbe,
} from '@switchyard/testing';
import { createTeam, type TeamFixture } from './support/e2e-fixtures';
import { startE2eStack, type E2eStack } from './support/e2e-stack';
import { type Answer, deeplyNestedBody, gzipped, postChat } from './support/hostile-bodies';
import { hostileImageUrls, tinyMessages, uniqueWord, uniqueWords } from './support/hostile-prompts';
import { isOpenAiClientError } from './support/openai-error-shape';
import { metricValue, scrape } from './support/prometheus-text';

// Real: a gateway with the production Node flags, billing, Postgres, Redis, and two simulator
// processes: the normal client's model is served by one, the hostile prompts' model (gpt-4.1-nano)
// by the other, since a served prompt of a megabyte of words costs a simulator seconds to count,
// and the normal client's latency must be the gateway's, not its upstream's.
// For a few seconds, every hostile shape the ingress and the prompt count must absorb, several at
// once (bodies past its limits, compressed bombs, slow bodies, broken HTTP, and prompts that are
// dear to count or price, from a team without credits and from one with plenty), while a normal
// client (a process of its own) keeps asking for completions: it must be served throughout.
const NODE_ARGS = JSON.parse(readFileSync('config/node-args.json', 'utf8')) as Record<string, string[]>;
const REQUEST_TIMEOUT_MS = 4_000;
const HOSTILE_FOR_MS = 6_000;
const SENDERS = 6;
const KiB = 1024;
const MiB = 1024 * KiB;
const HELLO = JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Say hi.' }], max_tokens: 8 });

/** config/catalog.yaml with gpt-4.1-nano served by an upstream of its own, at `url`; returns the file's path. */
function catalogWithHostileUpstream(url: string): string {
  const catalog = readFileSync('config/catalog.yaml', 'utf8');
  const edited = catalog
    .replace('\nproviders:\n', `\nproviders:\n  hostile: { kind: openai, base_url: "${url}", timeout_ms: 60000 }\n`)
    .replace('alias: gpt-4.1-nano,  provider: openai,', 'alias: gpt-4.1-nano,  provider: hostile,');
  if ((edited.match(/provider: hostile|hostile: \{/g) ?? []).length !== 2) throw new Error('catalog layout changed');
  const path = join(mkdtempSync(join(tmpdir(), 'switchyard-catalog-')), 'catalog.yaml');
  writeFileSync(path, edited);
  return path;
}

/** One kind of hostile request, and the only status it may be answered with. */
interface Shape {
  name: string;
  status: number;
  send(): Promise<Answer>;
}

/** A completion, or a refusal in OpenAI's error shape: nothing else may come back. */
const wellFormed = (answer: Answer) =>
  answer.status === 200
    ? (JSON.parse(answer.body) as { object?: string }).object === 'chat.completion'
    : isOpenAiClientError(answer.status, answer.body);

describe('Hostile traffic mixed with normal traffic', () => {
  let simulators: AppProcess[];
  let catalogPath: string;
  let stack: E2eStack;
  let prisma: PrismaClient;
  let team: TeamFixture;
  let broke: TeamFixture;
  let rich: TeamFixture;

  beforeAll(async () => {
    prisma = createTestPrisma();
    simulators = await Promise.all([startAppProcess('simulator', {}), startAppProcess('simulator', {})]);
    catalogPath = catalogWithHostileUpstream(`${simulators[1].url}/v1`);
    stack = await startE2eStack({
      NODE_OPTIONS: NODE_ARGS.gateway.join(' '),
      REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS),
      SIMULATED_PROVIDER_URL: `${simulators[0].url}/v1`,
      CATALOG_PATH: catalogPath,
    });
    [team, broke, rich] = await Promise.all([
      createTeam(prisma, { grantMicro: 1_000_000_000n }),
      createTeam(prisma), // no credits at all
      createTeam(prisma, { grantMicro: 1_000_000_000_000_000n }), // a billion credits: every prompt it sends is served
    ]);
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await Promise.all((simulators ?? []).map((simulator) => simulator.stop()));
    if (catalogPath) rmSync(dirname(catalogPath), { recursive: true, force: true });
    await prisma?.$disconnect();
  });

  /** The shapes of issue 11, each from a team without credits and (when it may be served) from one with plenty. */
  function hostileShapes(): { cycled: Shape[]; once: Shape[] } {
    const key = { authorization: `Bearer ${team.apiKey}` };
    const nested = deeplyNestedBody(9_800_000);
    const wide = Buffer.from(`{"model":"gpt-4o-mini","messages":[],"metadata":[${'0,'.repeat(4_899_000)}0]}`);
    // Compressing is the sender's work, not the gateway's: done once, up front.
    const bomb = gzipped(Buffer.from(`{"user":"${' '.repeat(11 * 2 ** 20)}"}`));
    const nestedBomb = gzipped(nested);
    const gzip = { ...key, 'content-encoding': 'gzip' };
    const chat = (from: TeamFixture, body: Record<string, unknown>) =>
      postChat(stack.gatewayUrl, Buffer.from(JSON.stringify(body)), { authorization: `Bearer ${from.apiKey}` });
    const prompt = (from: TeamFixture, content: () => string) => () =>
      chat(from, { model: 'gpt-4.1-nano', messages: [{ role: 'user', content: content() }], max_tokens: 8 });
    // Every hostile image at once (~7 MB): each priced at most 3,779 tokens by gpt-4.1-nano's patch rule.
    const images = [
      { type: 'text', text: 'What are these?' },
      ...hostileImageUrls().map((url) => ({ type: 'image_url', image_url: { url } })),
    ];
    const image = (from: TeamFixture) => () =>
      chat(from, { model: 'gpt-4.1-nano', messages: [{ role: 'user', content: images }], max_tokens: 8 });
    // Within BODY_MAX_JSON_ELEMENTS (100,000): 30,000 messages are 90,000 elements (but past the
    // 2,048 messages a request may have); 2,048 messages of 12 parts are about 86,000.
    const manyMessages =
      (from: TeamFixture, count: number, parts = 0) =>
      () =>
        chat(from, { model: 'gpt-4.1-nano', messages: tinyMessages(count, parts), max_tokens: 8 });
    // gpt-4.1-nano's window is 1,047,576 tokens: a word of 8 MB, or 8 MB of words, is over it.
    const cycled: Shape[] = [
      { name: 'nested 9.8 MB', status: 400, send: () => postChat(stack.gatewayUrl, nested, key) },
      { name: '4.9M-element array', status: 400, send: () => postChat(stack.gatewayUrl, wide, key) },
      { name: 'gzip bomb', status: 413, send: () => postChat(stack.gatewayUrl, bomb, gzip) },
      { name: 'gzip nested', status: 400, send: () => postChat(stack.gatewayUrl, nestedBomb, gzip) },
      {
        name: 'nested without a key',
        status: 401,
        send: () => postChat(stack.gatewayUrl, nested, { authorization: 'Bearer sy_live_not-a-key' }),
      },
      {
        name: 'latin1',
        status: 415,
        send: () =>
          postChat(stack.gatewayUrl, Buffer.from(HELLO), {
            ...key,
            'content-type': 'application/json; charset=latin1',
          }),
      },
      { name: 'one word of 200 KB, no credits', status: 402, send: prompt(broke, () => uniqueWord(200 * KiB)) },
      { name: 'one word of 1 MB, no credits', status: 402, send: prompt(broke, () => uniqueWord(1_000_000)) },
      { name: 'one word of 8 MB, no credits', status: 400, send: prompt(broke, () => uniqueWord(8 * MiB)) },
      { name: 'one word of 200 KB', status: 200, send: prompt(rich, () => uniqueWord(200 * KiB)) },
      { name: 'one word of 1 MB', status: 200, send: prompt(rich, () => uniqueWord(1_000_000)) },
      { name: 'one word of 8 MB', status: 400, send: prompt(rich, () => uniqueWord(8 * MiB)) },
      { name: '30,000 tiny messages', status: 400, send: manyMessages(rich, 30_000) },
      { name: '2,048 messages of 12 tiny parts, no credits', status: 402, send: manyMessages(broke, 2048, 12) },
      { name: '2,048 messages of 12 tiny parts', status: 200, send: manyMessages(rich, 2048, 12) },
      { name: 'hostile images, no credits', status: 402, send: image(broke) },
      { name: 'hostile images', status: 200, send: image(rich) },
    ];
    // The dearest prompts to count, a second of CPU or more each (8 MB is counted until it passes
    // the window, about 2 MB in): sent once each, beside the rest.
    const once: Shape[] = [
      { name: '256 KB of words, no credits', status: 402, send: prompt(broke, () => uniqueWords(256 * KiB, 7)) },
      { name: '256 KB of words', status: 200, send: prompt(rich, () => uniqueWords(256 * KiB, 7)) },
      { name: '8 MB of words, no credits', status: 400, send: prompt(broke, () => uniqueWords(8 * MiB, 500)) },
      { name: '1 MB of words', status: 200, send: prompt(rich, () => uniqueWords(MiB, 500)) },
    ];
    return { cycled, once };
  }

  it('answers every hostile request in OpenAI’s shape with a 4xx (or serves it), never crashes, and keeps serving a normal client', async () => {
    const { cycled, once } = hostileShapes();
    const key = { authorization: `Bearer ${team.apiKey}` };
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

    const byShape = new Map<string, Map<number, number>>();
    const failures: string[] = [];
    const slowest = new Map<string, number>();
    const sendOne = async (shape: Shape) => {
      const sentAt = performance.now();
      const answer = await shape.send();
      slowest.set(shape.name, Math.max(slowest.get(shape.name) ?? 0, performance.now() - sentAt));
      const counts = byShape.get(shape.name) ?? new Map<number, number>();
      byShape.set(shape.name, counts.set(answer.status, (counts.get(answer.status) ?? 0) + 1));
      if (answer.status !== shape.status || !wellFormed(answer))
        failures.push(`${shape.name} → ${answer.status} ${answer.body.slice(0, 200)}`);
    };
    const startedAt = performance.now();
    const deadline = Date.now() + HOSTILE_FOR_MS;
    let next = 0;
    await Promise.all([
      ...once.map(sendOne),
      ...Array.from({ length: SENDERS }, async () => {
        while (Date.now() < deadline) await sendOne(cycled[next++ % cycled.length]);
      }),
    ]);
    const hostileMs = performance.now() - startedAt;
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
    const summary = [...byShape].map(
      ([name, counts]) =>
        `  ${name}: ${JSON.stringify(Object.fromEntries(counts))}, slowest ${slowest.get(name)?.toFixed(0)} ms`,
    );
    process.stdout.write(
      `mixed, ${(hostileMs / 1000).toFixed(1)} s of hostile traffic:\n${summary.join('\n')}\n` +
        `  slow bodies ${[...new Set(slowAnswers.map((a) => a.status))]}, broken ${brokenAnswers.map((a) => a.status)}\n` +
        `hostile mix: normal client p50 ${others.p50Ms.toFixed(1)} ms, p99 ${others.p99Ms.toFixed(1)} ms ` +
        `(${others.samples} completions, ${others.failures} failed, max ${others.maxMs.toFixed(1)} ms)\n`,
    );
    expect(stack.gateway.child.exitCode).toBeNull();
    expect((await fetch(`${stack.gatewayUrl}/health/live`)).status).toBe(200);
    expect(failures).toEqual([]);
    expect([...cycled, ...once].map((s) => s.name).filter((name) => !byShape.has(name))).toEqual([]);
    expect(slowAnswers.map((a) => a.status)).toEqual(Array(20).fill(408));
    expect(brokenAnswers.map((a) => a.status)).toEqual([431, 400]);
    expect([...slowAnswers, ...brokenAnswers].filter((a) => !isOpenAiClientError(a.status, a.body))).toEqual([]);
    expect(fiveHundreds).toBe(0);
    expect(others.failures).toBe(0);
    expect(others.p99Ms).toBeLessThan(250);
  }, 120_000);
});
