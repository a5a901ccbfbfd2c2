import { request } from 'node:http';
import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma, waitFor } from '@switchyard/testing';
import { createTeam, type TeamFixture } from './support/e2e-fixtures';
import { countChatPromptTokens, countTextTokens } from '@switchyard/tokenizer';
import { type FakeUpstreamStack, startFakeUpstreamStack } from './support/fake-upstreams';

// Real: gateway and billing processes, Postgres, Redis. Faked: an Anthropic Messages API server
// on 127.0.0.1 sending one SSE event every 80 ms. Core tier: 1 credit/1K input, 2 credits/1K output.
const INPUT_MICRO_PER_TOKEN = 1_000n;
const OUTPUT_MICRO_PER_TOKEN = 2_000n;
const messages = [{ role: 'user', content: 'Tell me a long story about trains' }];

interface Received {
  requestId: string;
  text: string;
  events: string[];
}

describe('Gateway streaming: disconnects and dying upstreams', () => {
  let fakes: FakeUpstreamStack;
  let prisma: PrismaClient;
  let team: TeamFixture;

  /** Streams claude-core with a raw socket; hangs up after `dropAfterContentChunks` content chunks. */
  function stream(dropAfterContentChunks?: number): Promise<Received> {
    return new Promise((resolve, reject) => {
      const url = new URL(`${fakes.stack.gatewayUrl}/v1/chat/completions`);
      const req = request(
        url,
        { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${team.apiKey}` } },
        (res) => {
          const out: Received = { requestId: res.headers['x-request-id'] as string, text: '', events: [] };
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (piece: string) => {
            buffer += piece;
            for (let end = buffer.indexOf('\n\n'); end !== -1; end = buffer.indexOf('\n\n')) {
              const data = buffer.slice(0, end).replace(/^data: /, '');
              buffer = buffer.slice(end + 2);
              out.events.push(data);
              if (data === '[DONE]' || data.startsWith('{"error"')) continue;
              const content = (JSON.parse(data) as { choices: Array<{ delta: { content?: string } }> }).choices[0]
                ?.delta.content;
              if (content) out.text += content;
              if (content && dropAfterContentChunks !== undefined && out.events.length > dropAfterContentChunks) {
                req.destroy();
                return resolve(out);
              }
            }
          });
          res.on('end', () => resolve(out));
          res.on('error', reject);
        },
      );
      req.on('error', (err) => (dropAfterContentChunks === undefined ? reject(err) : undefined));
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

  async function ledgerDebitOf(requestId: string): Promise<bigint> {
    const entry = await waitFor(() => prisma.ledgerEntry.findFirst({ where: { requestId } }), {
      timeoutMs: 20_000,
      describe: 'the ledger entry',
    });
    return -entry.amountMicro;
  }

  it('aborts the upstream when the client drops after 3 chunks and debits exactly the delivered tokens', async () => {
    const abortedBefore = fakes.anthropic.abortedResponses();
    const received = await stream(3);
    await waitFor(async () => fakes.anthropic.abortedResponses() === abortedBefore + 1, {
      timeoutMs: 5_000,
      describe: 'the upstream socket to close',
    });

    const record = await waitFor(() => prisma.usageRecord.findUnique({ where: { requestId: received.requestId } }), {
      timeoutMs: 20_000,
      describe: 'the usage record',
    });
    const promptTokens = countChatPromptTokens(messages as never);
    const completionTokens = countTextTokens(received.text);
    expect(record).toMatchObject({ status: 'partial', model: 'claude-core', promptTokens, completionTokens });
    expect(await ledgerDebitOf(received.requestId)).toBe(
      BigInt(promptTokens) * INPUT_MICRO_PER_TOKEN + BigInt(completionTokens) * OUTPUT_MICRO_PER_TOKEN,
    );
  });

  it('ends with an error event when the upstream dies mid-stream, and bills what was delivered', async () => {
    fakes.anthropic.faults.errorAfterChunks = 6;
    try {
      const received = await stream();
      expect(JSON.parse(received.events.at(-1) as string)).toEqual({
        error: {
          message: 'The upstream provider failed during the stream.',
          type: 'upstream_error',
          param: null,
          code: 'upstream_error',
        },
      });
      expect(received.events).not.toContain('[DONE]');
      const record = await waitFor(() => prisma.usageRecord.findUnique({ where: { requestId: received.requestId } }), {
        timeoutMs: 20_000,
        describe: 'the usage record',
      });
      expect(record).toMatchObject({ status: 'partial', completionTokens: countTextTokens(received.text) });
      expect(received.text.length).toBeGreaterThan(0);
    } finally {
      delete fakes.anthropic.faults.errorAfterChunks;
    }
  });
});
