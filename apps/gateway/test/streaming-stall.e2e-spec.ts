import { parseCredits } from '@switchyard/contracts';
import { waitFor } from '@switchyard/testing';
import { countTextTokens } from '@switchyard/tokenizer';
import { useFundedStack } from './support/funded-stack';
import { type FirehoseUpstream, openChatStream, startFirehose } from './support/firehose-upstream';
import { metricValue, scrape } from './support/prometheus-text';

// Real: gateway and billing processes, Postgres, Redis. Fake: a "firehose" upstream streaming 64 MB
// as fast as the gateway takes it. The client opens the stream and stops reading: backpressure
// pauses the relay, which used to keep the request, its upstream call and its credit hold open for
// as long as the client kept the socket. STREAM_STALL_TIMEOUT_MS is 1 s here.
const STALL_MS = 1_000;
const CHUNKS = 4_000;
const CHUNK_TEXT = 'x'.repeat(16 * 1024);

describe('Streaming to a client that stops reading', () => {
  let upstream: FirehoseUpstream;
  beforeAll(async () => {
    upstream = await startFirehose(CHUNKS, CHUNK_TEXT);
  });
  const e2e = useFundedStack(1_000_000_000n, () => ({
    SIMULATED_PROVIDER_URL: upstream.url,
    STREAM_STALL_TIMEOUT_MS: String(STALL_MS),
  }));
  afterAll(() => upstream?.close());

  it('cuts the stream after the stall timeout, aborts the upstream, ends the hold and bills what was sent once', async () => {
    const res = await openChatStream(e2e.stack.gatewayUrl, e2e.team.apiKey, {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'firehose' }],
      stream: true,
    });
    res.pause(); // and never reads, until the end of the spec
    // Node's client says 'aborted' when the socket closes before the chunked body's end.
    const closed = new Promise<boolean>((resolve) =>
      res.once('error', () => resolve(true)).once('end', () => resolve(false)),
    );
    const openedAt = performance.now();
    expect(res.statusCode).toBe(200);
    const requestId = res.headers['x-request-id'] as string;
    expect(metricValue(await scrape(e2e.stack.gatewayUrl), 'switchyard_credit_holds_active')).toBe(1);

    // Before: none of this ever happened while the client kept its socket open.
    await waitFor(async () => upstream.aborted() === 1, {
      timeoutMs: STALL_MS + 5_000,
      describe: 'the upstream call to be aborted',
    });
    const cutAfterMs = performance.now() - openedAt;
    expect(cutAfterMs).toBeGreaterThanOrEqual(STALL_MS);
    expect(upstream.written()).toBeLessThan(CHUNKS);
    await waitFor(async () => metricValue(await scrape(e2e.stack.gatewayUrl), 'switchyard_credit_holds_active') === 0, {
      timeoutMs: 5_000,
      describe: 'no open hold in the gateway',
    });
    const record = await waitFor(() => e2e.prisma.usageRecord.findUnique({ where: { requestId } }), {
      timeoutMs: 20_000,
      describe: 'the usage record',
    });
    // Nothing held in Redis any more, once billing has the debit (and the idle lease went back).
    await waitFor(
      async () => {
        const credits = await fetch(`${e2e.stack.gatewayUrl}/v1/credits`, {
          headers: { authorization: `Bearer ${e2e.team.apiKey}` },
        });
        return parseCredits(((await credits.json()) as { held: string }).held) === 0n;
      },
      { timeoutMs: 20_000, describe: 'nothing held in Redis' },
    );

    // What the client can still read is what reached its socket before the cut; no [DONE].
    let received = '';
    res.setEncoding('utf8');
    res.on('data', (piece: string) => (received += piece));
    res.resume();
    expect(await closed).toBe(true);
    expect(received.endsWith('data: [DONE]\n\n')).toBe(false);
    const content = received
      .split('\n\n')
      .filter((e) => e.startsWith('data: {') && e.endsWith('}'))
      .map((e) => (JSON.parse(e.slice(6)) as { choices: Array<{ delta: { content?: string } }> }).choices[0].delta)
      .map((delta) => delta.content ?? '')
      .join('');
    expect(content.length).toBeGreaterThan(0);

    // Billed once, as a partial stream: what the gateway wrote, which is what the client got plus
    // at most what Node still buffered for it when the socket was cut (two chunks).
    expect(record).toMatchObject({ status: 'partial', model: 'gpt-4o-mini' });
    expect(record.completionTokens).toBeGreaterThanOrEqual(countTextTokens(content));
    expect(record.completionTokens).toBeLessThanOrEqual(countTextTokens(content + CHUNK_TEXT + CHUNK_TEXT));
    const debits = await e2e.prisma.ledgerEntry.findMany({ where: { teamId: e2e.team.teamId, kind: 'usage' } });
    expect(debits.map((d) => [d.requestId, d.amountMicro])).toEqual([[requestId, -record.costMicro]]);
    console.log(
      `stall: cut after ${cutAfterMs.toFixed(0)} ms (timeout ${STALL_MS} ms); upstream wrote ${upstream.written()}/${CHUNKS} chunks; ` +
        `client got ${content.length} characters, billed ${record.completionTokens} completion tokens`,
    );
  }, 60_000);
});
