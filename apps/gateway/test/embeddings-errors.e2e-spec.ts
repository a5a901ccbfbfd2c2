import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma } from '@switchyard/testing';
import { createTeam, openAiErrorBody, type TeamFixture } from './support/e2e-fixtures';
import { type FakeUpstreamStack, startFakeUpstreamStack } from './support/fake-upstreams';

// Real: gateway and billing processes, Postgres, Redis. Faked: the OpenAI-compatible "flaky"
// upstream on 127.0.0.1 (flaky-embed), whose request count shows what reached it; the simulator
// behind sim-embed (max_inputs 128, max_input_tokens 512) and sim-embed-fixed (no dimensions).
describe('POST /v1/embeddings refusals', () => {
  let fakes: FakeUpstreamStack;
  let prisma: PrismaClient;
  let team: TeamFixture;

  const embed = (body: unknown, apiKey = team.apiKey) =>
    fetch(`${fakes.stack.gatewayUrl}/v1/embeddings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(body),
    });
  const upstreamCalls = () => fakes.flaky.requests() + fakes.stack.upstreamRequests();

  beforeAll(async () => {
    prisma = createTestPrisma();
    fakes = await startFakeUpstreamStack();
    team = await createTeam(prisma, { grantMicro: 10_000_000n });
  }, 90_000);

  afterAll(async () => {
    await fakes?.stop();
    await prisma?.$disconnect();
  });

  it.each([
    ['empty input', { model: 'sim-embed', input: '' }, 'input', 'input must not be an empty string.'],
    ['an empty batch', { model: 'sim-embed', input: [] }, 'input', 'input must not be empty.'],
    [
      'an empty string in a batch',
      { model: 'sim-embed', input: ['a', ''] },
      'input[1]',
      'input[1] must not be an empty string.',
    ],
    [
      'a chat alias',
      { model: 'sim-pro', input: 'a' },
      'model',
      'sim-pro is a chat model; POST /v1/embeddings takes an embedding model (sim-embed, sim-embed-fixed, flaky-embed).',
    ],
    [
      'too many inputs',
      { model: 'sim-embed', input: Array.from({ length: 129 }, (_, i) => `t${i}`) },
      'input',
      'sim-embed takes at most 128 inputs per request (max_inputs), got 129.',
    ],
    [
      'an input over its token limit',
      { model: 'sim-embed', input: ['ok', 'word '.repeat(600)] },
      'input[1]',
      'input[1] has more than 512 tokens, the most sim-embed takes per input (max_input_tokens).',
    ],
    [
      'a token id out of range',
      { model: 'sim-embed', input: [[1, 2, 300000]] },
      'input[0][2]',
      'input[0][2] must be a token id from 0 to 200018, got 300000.',
    ],
    [
      'dimensions on a fixed-size model',
      { model: 'sim-embed-fixed', input: 'a', dimensions: 32 },
      'dimensions',
      'sim-embed-fixed has a fixed size of 64 dimensions; dimensions is not supported.',
    ],
    [
      'an unknown encoding_format',
      { model: 'sim-embed', input: 'a', encoding_format: 'int8' },
      'encoding_format',
      'encoding_format must be one of float, base64.',
    ],
  ])('refuses %s with a 400 naming the field, before any upstream call', async (_case, body, param, message) => {
    const before = upstreamCalls();
    const res = await embed(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      ...openAiErrorBody('invalid_request_error', 'invalid_request', param),
      error: expect.objectContaining({ message, param }),
    });
    expect(upstreamCalls()).toBe(before);
  });

  it('answers 404 model_not_found for an unknown model', async () => {
    const res = await embed({ model: 'embed-9000', input: 'a' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual(openAiErrorBody('invalid_request_error', 'model_not_found', 'model'));
  });

  it('refuses an embedding alias on the chat door with a 400 saying where it belongs', async () => {
    const res = await fetch(`${fakes.stack.gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${team.apiKey}` },
      body: JSON.stringify({ model: 'sim-embed', messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe(
      'sim-embed is an embedding model: it serves POST /v1/embeddings, not chat.',
    );
  });

  it('answers 402 to a team with no credits before the upstream call, and the fake upstream sees nothing', async () => {
    const broke = await createTeam(prisma);
    const before = fakes.flaky.requests();
    const res = await embed({ model: 'flaky-embed', input: ['a', 'b'] }, broke.apiKey);
    expect(res.status).toBe(402);
    expect(await res.json()).toEqual(openAiErrorBody('insufficient_credits', 'insufficient_credits'));
    expect(fakes.flaky.requests()).toBe(before);
    expect(await prisma.usageRecord.count({ where: { teamId: broke.teamId } })).toBe(0);
  });

  it('serves flaky-embed through the OpenAI-compatible upstream once credits are there (the 402 was the hold)', async () => {
    const before = fakes.flaky.requests();
    const res = await embed({ model: 'flaky-embed', input: ['a', 'b'], encoding_format: 'float' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: Array<{ index: number; embedding: number[] }> };
    expect(body.data.map((item) => [item.index, item.embedding.length])).toEqual([
      [0, 1536],
      [1, 1536],
    ]);
    expect(fakes.flaky.requests()).toBe(before + 1);
  });
});
