import { request } from 'node:http';
import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma, waitFor } from '@switchyard/testing';
import { countChatPromptTokens, countTextTokens } from '@switchyard/tokenizer';
import { createTeam, type TeamFixture } from './support/e2e-fixtures';
import { type FakeUpstreamStack, startFakeUpstreamStack } from './support/fake-upstreams';

// Real: gateway and billing processes, Postgres, Redis. Faked: an Anthropic Messages API server
// on 127.0.0.1 sending one SSE event every 80 ms. Core tier: 1 credit/1K input, 2 credits/1K output.
const INPUT_MICRO_PER_TOKEN = 1_000n;
const OUTPUT_MICRO_PER_TOKEN = 2_000n;
const messages = [{ role: 'user', content: 'Tell me a long story about trains' }];

interface Received {
  requestId: string;
  text: string;
  /** [event line, data] of every event. */
  events: Array<[string, Record<string, unknown>]>;
}

describe('POST /v1/messages streaming: disconnects and dying upstreams', () => {
  let fakes: FakeUpstreamStack;
  let prisma: PrismaClient;
  let team: TeamFixture;

  /** Streams claude-core with a raw socket; hangs up after `dropAfterDeltas` text deltas. */
  function stream(dropAfterDeltas?: number): Promise<Received> {
    return new Promise((resolve, reject) => {
      const url = new URL(`${fakes.stack.gatewayUrl}/v1/messages`);
      const headers = { 'content-type': 'application/json', 'x-api-key': team.apiKey };
      const req = request(url, { method: 'POST', headers }, (res) => {
        const out: Received = { requestId: res.headers['x-request-id'] as string, text: '', events: [] };
        let buffer = '';
        let deltas = 0;
        res.setEncoding('utf8');
        res.on('data', (piece: string) => {
          buffer += piece;
          for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
            const [eventLine, dataLine] = buffer.slice(0, end).split('\n');
            buffer = buffer.slice(end + 2);
            const data = JSON.parse(dataLine.replace(/^data: /, '')) as Record<string, unknown>;
            out.events.push([eventLine.replace(/^event: /, ''), data]);
            const delta = data.delta as { type?: string; text?: string } | undefined;
            if (delta?.type !== 'text_delta') continue;
            out.text += delta.text;
            if (dropAfterDeltas !== undefined && ++deltas >= dropAfterDeltas) {
              req.destroy();
              return resolve(out);
            }
          }
        });
        res.on('end', () => resolve(out));
        res.on('error', reject);
      });
      req.on('error', (err) => (dropAfterDeltas === undefined ? reject(err) : undefined));
      req.end(JSON.stringify({ model: 'claude-core', messages, stream: true, max_tokens: 400 }));
    });
  }

  beforeAll(async () => {
    prisma = createTestPrisma();
    fakes = await startFakeUpstreamStack({ anthropicChunkDelayMs: 80 });
    team = await createTeam(prisma, { grantMicro: 100_000_000n });
  }, 90_000);

  afterAll(async () => {
    await fakes?.stop();
    await prisma?.$disconnect();
  });

  async function billed(requestId: string, status: string, text: string): Promise<void> {
    const record = await waitFor(() => prisma.usageRecord.findUnique({ where: { requestId } }), {
      timeoutMs: 20_000,
      describe: 'the usage record',
    });
    const promptTokens = countChatPromptTokens(messages as never);
    const completionTokens = countTextTokens(text);
    expect(record).toMatchObject({ status, model: 'claude-core', promptTokens, completionTokens });
    const entry = await waitFor(() => prisma.ledgerEntry.findFirst({ where: { requestId } }), {
      timeoutMs: 20_000,
      describe: 'the ledger entry',
    });
    expect(-entry.amountMicro).toBe(
      BigInt(promptTokens) * INPUT_MICRO_PER_TOKEN + BigInt(completionTokens) * OUTPUT_MICRO_PER_TOKEN,
    );
  }

  it('aborts the upstream when the client drops after 3 deltas and debits exactly the delivered tokens', async () => {
    const abortedBefore = fakes.anthropic.abortedResponses();
    const received = await stream(3);
    await waitFor(async () => fakes.anthropic.abortedResponses() === abortedBefore + 1, {
      timeoutMs: 5_000,
      describe: 'the upstream socket to close',
    });
    expect(received.events.slice(0, 3).map(([name]) => name)).toEqual(['message_start', 'ping', 'content_block_start']);
    await billed(received.requestId, 'partial', received.text);
  });

  it('ends with an error event when the upstream dies mid-stream, and bills what was delivered', async () => {
    fakes.anthropic.faults.errorAfterChunks = 6;
    try {
      const received = await stream();
      expect(received.events.at(-1)).toEqual([
        'error',
        { type: 'error', error: { type: 'api_error', message: 'The upstream provider failed during the stream.' } },
      ]);
      for (const [name, data] of received.events) expect(data.type).toBe(name);
      await billed(received.requestId, 'partial', received.text);
    } finally {
      delete fakes.anthropic.faults.errorAfterChunks;
    }
  });
});
