import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma } from '@switchyard/testing';
import { startE2eStack, type E2eStack } from './support/e2e-stack';
import { createTeam, type TeamFixture, openAiErrorBody } from './support/e2e-fixtures';
import { tinyMessages, uniqueWords } from './support/hostile-prompts';
import { livenessDuring, percentile, postChat } from './support/timed-requests';

// Real: gateway and billing processes on Postgres (this run's database) and Redis (own prefix).
// Simulated: the upstream, never reached. Each prompt is 8 MB of unique 500-letter words, the
// dearest text to count: about 2 s of CPU to find it over gpt-4.1-nano's 1M-token window, which
// the gateway spent in one go, its event loop deaf to everyone else meanwhile.
const PROMPT_BYTES = 8 * 1024 * 1024;
const WORD_LETTERS = 500;
const CONCURRENT = 3;

/** A body whose prompt is `bytes` of random lowercase words no earlier prompt used. */
function uniqueWordsBody(bytes: number): string {
  const content = uniqueWords(bytes, WORD_LETTERS);
  return JSON.stringify({ model: 'gpt-4.1-nano', messages: [{ role: 'user', content }] });
}

describe('prompts of megabytes of unique words', () => {
  let stack: E2eStack;
  let prisma: PrismaClient;
  let broke: TeamFixture;

  beforeAll(async () => {
    prisma = createTestPrisma();
    stack = await startE2eStack();
    broke = await createTeam(prisma);
    // Warm the gateway (JIT, key cache, connections) so the latencies below are the prompts'.
    await Promise.all([
      postChat(stack.gatewayUrl, broke.apiKey, uniqueWordsBody(256 * 1024)),
      livenessDuring(stack.gatewayUrl, Promise.resolve()),
    ]);
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await prisma?.$disconnect();
  });

  it('are counted while /health/live keeps answering in milliseconds, then refused as too long', async () => {
    const bodies = Array.from({ length: CONCURRENT }, () => uniqueWordsBody(PROMPT_BYTES));
    const requests = Promise.all(bodies.map((body) => postChat(stack.gatewayUrl, broke.apiKey, body)));
    const latencies = await livenessDuring(stack.gatewayUrl, requests);
    const answers = await requests;

    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual(openAiErrorBody('invalid_request_error', 'invalid_request', 'messages'));
    }
    // The counting took seconds, and liveness was asked all along.
    expect(Math.max(...answers.map((answer) => answer.ms))).toBeGreaterThan(1_000);
    expect(latencies.length).toBeGreaterThan(100);
    // Before: the probes waited out whole counts, p99 about 2 s. Typically a few ms now; the
    // bound leaves room for a busy 2-core machine.
    expect(percentile(latencies, 99)).toBeLessThan(50);
  }, 120_000);

  it('are validated message by message while /health/live keeps answering, however many parts they hold', async () => {
    // 2,048 messages of 12 parts (~86,000 JSON elements, under the limit): the DTO pass, about
    // 0.4–1.4 s of validation on this machine, which the gateway spent in one go.
    const body = JSON.stringify({ model: 'gpt-4.1-nano', messages: tinyMessages(2048, 12) });
    await postChat(stack.gatewayUrl, broke.apiKey, body); // warms the DTO pass (the first one builds its metadata)
    const requests = Promise.all(
      Array.from({ length: CONCURRENT }, () => postChat(stack.gatewayUrl, broke.apiKey, body)),
    );
    const latencies = await livenessDuring(stack.gatewayUrl, requests);
    const answers = await requests;

    for (const answer of answers) {
      expect(answer.status).toBe(402);
      expect(answer.body).toEqual(openAiErrorBody('insufficient_credits', 'insufficient_credits'));
    }
    // Before: each body held the event loop for its whole validation, p99 about 0.8 s. Typically
    // 20-40 ms now, three bodies' slices taking turns; the bound leaves room for a busy machine.
    expect(percentile(latencies, 99)).toBeLessThan(100);
  }, 60_000);
});
