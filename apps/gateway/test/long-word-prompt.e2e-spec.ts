import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma } from '@switchyard/testing';
import { countChatPromptTokens } from '@switchyard/tokenizer';
import { startE2eStack, type E2eStack } from './support/e2e-stack';
import { createTeam, type TeamFixture, openAiErrorBody } from './support/e2e-fixtures';
import { uniqueWord } from './support/hostile-prompts';
import { livenessDuring, postChat } from './support/timed-requests';

// Real: gateway and billing processes on Postgres (this run's database) and Redis (own prefix).
// Simulated: the upstream, in this process. The prompt is one 200 KB word: counting its tokens
// took the gateway 24 s (quadratic BPE), its event loop blocked for every other client meanwhile.
/** A 200 KB word no earlier request used, so no cache of the encoder's can answer for it. */
const longWord = () => uniqueWord(200 * 1024);
const longWordRequest = () =>
  JSON.stringify({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content: longWord() }] });
const CONCURRENT = 4;

describe('a prompt of one 200 KB word', () => {
  let stack: E2eStack;
  let prisma: PrismaClient;
  let broke: TeamFixture;
  let rich: TeamFixture;

  const post = (key: string, body: string | Record<string, unknown>) => postChat(stack.gatewayUrl, key, body);

  beforeAll(async () => {
    prisma = createTestPrisma();
    stack = await startE2eStack();
    [broke, rich] = await Promise.all([
      createTeam(prisma),
      createTeam(prisma, { grantMicro: 1_000_000_000n }), // 1,000 credits
    ]);
    // Warm the gateway (JIT, key cache, one connection per client) so the timings below are the prompt's.
    await Promise.all(Array.from({ length: CONCURRENT }, () => post(broke.apiKey, longWordRequest())));
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await prisma?.$disconnect();
  });

  it('is refused 402 in well under a second for a team without credits, /health/live answering in ms meanwhile', async () => {
    const upstreamBefore = stack.upstreamRequests();
    const requests = Promise.all(Array.from({ length: CONCURRENT }, () => post(broke.apiKey, longWordRequest())));
    const latencies = await livenessDuring(stack.gatewayUrl, requests);
    const answers = await requests;

    for (const answer of answers) {
      expect(answer.status).toBe(402);
      expect(answer.body).toEqual(openAiErrorBody('insufficient_credits', 'insufficient_credits'));
      expect(answer.ms).toBeLessThan(1_000);
    }
    // Before: every probe waited out the whole count, 24 s a request. Typically 2-5 ms now; the
    // bounds leave room for a busy machine.
    latencies.sort((a, b) => a - b);
    expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThan(50);
    expect(latencies.at(-1)).toBeLessThan(500);
    expect(stack.upstreamRequests()).toBe(upstreamBefore);
  });

  it('is refused 400 at once when it is over the model’s context window', async () => {
    const answer = await post(rich.apiKey, {
      model: 'gpt-3.5-turbo',
      messages: [{ role: 'user', content: longWord() }],
    });
    expect(answer.status).toBe(400);
    expect(answer.body).toEqual(openAiErrorBody('invalid_request_error', 'invalid_request', 'messages'));
    expect(answer.ms).toBeLessThan(1_000);
  });

  it('is served promptly for a team with credits, its tokens counted as the hold counted them', async () => {
    const messages = [{ role: 'user' as const, content: longWord() }];
    const answer = await post(rich.apiKey, { model: 'gpt-4.1-nano', messages });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4.1-nano',
      choices: [{ index: 0, message: { role: 'assistant', content: expect.any(String) }, finish_reason: 'stop' }],
      usage: { prompt_tokens: countChatPromptTokens(messages) },
    });
    expect(answer.ms).toBeLessThan(2_000);
  });
});
