import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma } from '@switchyard/testing';
import { startE2eStack, type E2eStack } from './support/e2e-stack';
import { createTeam, type TeamFixture, waitFor } from './support/e2e-fixtures';

// Real: gateway and billing processes, Postgres, Redis. Fake: a "firehose" OpenAI-compatible
// upstream that streams as fast as its socket lets it, so what it manages to write shows how much
// the gateway pulled while its own client was not reading.
const CHUNKS = 4_000;
const CHUNK_TEXT = 'x'.repeat(16 * 1024); // 64 MB in all: more than the gateway may hold for a slow client

function firehose(): { server: Server; written: () => number } {
  let written = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', async () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const chunk = (delta: object, finish: string | null) =>
        `data: ${JSON.stringify({ id: 'fh', object: 'chat.completion.chunk', created: 0, model: 'fh', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      for (let i = 0; i < CHUNKS; i++) {
        const ok = res.write(chunk({ content: CHUNK_TEXT }, i === CHUNKS - 1 ? 'stop' : null));
        written++;
        if (!ok) await once(res, 'drain');
        if (res.destroyed) return;
      }
      res.write(
        `data: ${JSON.stringify({ id: 'fh', object: 'chat.completion.chunk', created: 0, model: 'fh', choices: [], usage: { prompt_tokens: 10, completion_tokens: CHUNKS, total_tokens: CHUNKS + 10 } })}\n\n`,
      );
      res.end('data: [DONE]\n\n');
    });
  });
  return { server, written: () => written };
}

function rssMiB(pid: number): number {
  const line =
    readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:')) ?? '';
  return Number(line.replace(/\D+/g, '')) / 1024;
}

describe('Streaming to a slow client', () => {
  let upstream: ReturnType<typeof firehose>;
  let stack: E2eStack;
  let prisma: PrismaClient;
  let team: TeamFixture;

  beforeAll(async () => {
    upstream = firehose();
    upstream.server.listen(0, '127.0.0.1');
    await once(upstream.server, 'listening');
    const url = `http://127.0.0.1:${(upstream.server.address() as AddressInfo).port}/v1`;
    prisma = createTestPrisma();
    stack = await startE2eStack({ SIMULATED_PROVIDER_URL: url });
    team = await createTeam(prisma, { grantMicro: 1_000_000_000n });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    upstream?.server.close();
    await prisma?.$disconnect();
  });

  it('reads the upstream only as fast as the client reads, then delivers and bills everything', async () => {
    const pid = stack.gateway.child.pid as number;
    const rssBefore = rssMiB(pid);
    const body = JSON.stringify({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'firehose' }],
      stream: true,
      max_tokens: 16384,
    });
    const { port } = new URL(stack.gatewayUrl);
    const req = request({
      host: '127.0.0.1',
      port,
      path: '/v1/chat/completions',
      method: 'POST',
      headers: { authorization: `Bearer ${team.apiKey}`, 'content-type': 'application/json' },
    });
    req.end(body);
    const [res] = (await once(req, 'response')) as [IncomingMessage];
    expect(res.statusCode).toBe(200);
    const requestId = res.headers['x-request-id'] as string;

    // The client stops reading. The upstream must stall too: the gateway pulls no more than what
    // the sockets between them hold (about 8 MB on loopback here), instead of buffering the whole
    // 64 MB stream in memory. Bytes the upstream got out are the measure; the gateway's RSS is only
    // reported, since heap growth and GC timing make it too noisy to assert on.
    res.pause();
    await new Promise((r) => setTimeout(r, 2_000));
    const writtenWhilePaused = upstream.written();
    const rssWhilePaused = rssMiB(pid);
    expect(writtenWhilePaused).toBeLessThan(CHUNKS / 4);

    let received = '';
    res.setEncoding('utf8');
    res.on('data', (d: string) => (received += d));
    res.resume();
    await once(res, 'end');
    const contentChunks = received.split('\n\n').filter((e) => e.startsWith('data: {') && e.includes('"content"'));
    expect(contentChunks).toHaveLength(CHUNKS);
    expect(received.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(upstream.written()).toBe(CHUNKS);

    const record = await waitFor(
      () => prisma.usageRecord.findUnique({ where: { requestId } }),
      20_000,
      'the usage record',
    );
    expect(record).toMatchObject({ status: 'completed', completionTokens: CHUNKS, promptTokens: 10 });
    console.log(
      `backpressure: upstream wrote ${writtenWhilePaused}/${CHUNKS} chunks while the client paused; gateway RSS +${(rssWhilePaused - rssBefore).toFixed(1)} MiB`,
    );
  });
});
