import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { waitFor } from '@switchyard/testing';
import { useFundedStack } from './support/funded-stack';
import { type FirehoseUpstream, openChatStream, startFirehose } from './support/firehose-upstream';

// Real: gateway and billing processes, Postgres, Redis. Fake: a "firehose" OpenAI-compatible
// upstream that streams as fast as its socket lets it, so what it manages to write shows how much
// the gateway pulled while its own client was not reading.
const CHUNKS = 4_000;
const CHUNK_TEXT = 'x'.repeat(16 * 1024); // 64 MB in all: more than the gateway may hold for a slow client

function rssMiB(pid: number): number {
  const line =
    readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:')) ?? '';
  return Number(line.replace(/\D+/g, '')) / 1024;
}

describe('Streaming to a slow client', () => {
  let upstream: FirehoseUpstream;
  beforeAll(async () => {
    upstream = await startFirehose(CHUNKS, CHUNK_TEXT);
  });
  const e2e = useFundedStack(1_000_000_000n, () => ({ SIMULATED_PROVIDER_URL: upstream.url }));
  afterAll(() => upstream?.close());

  it('reads the upstream only as fast as the client reads, then delivers and bills everything', async () => {
    const pid = e2e.stack.gateway.child.pid as number;
    const rssBefore = rssMiB(pid);
    const res = await openChatStream(e2e.stack.gatewayUrl, e2e.team.apiKey, {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'firehose' }],
      stream: true,
      max_tokens: 16384,
    });
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

    const record = await waitFor(() => e2e.prisma.usageRecord.findUnique({ where: { requestId } }), {
      timeoutMs: 20_000,
      describe: 'the usage record',
    });
    expect(record).toMatchObject({ status: 'completed', completionTokens: CHUNKS, promptTokens: 10 });
    console.log(
      `backpressure: upstream wrote ${writtenWhilePaused}/${CHUNKS} chunks while the client paused; gateway RSS +${(rssWhilePaused - rssBefore).toFixed(1)} MiB`,
    );
  });
});
