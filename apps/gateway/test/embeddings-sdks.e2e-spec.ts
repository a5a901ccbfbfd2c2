import { createOpenAICompatible } from '@ai-sdk/openai-compatible';
import { OpenAIEmbeddings } from '@langchain/openai';
import { embedMany } from 'ai';
import OpenAI from 'openai';
import { formatCredits } from '@switchyard/contracts';
import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma } from '@switchyard/testing';
import { createTeam, type TeamFixture } from './support/e2e-fixtures';
import { billedEmbeddings, costOf, expectedVectors, shortTexts, SIM_EMBED, tokensOf } from './support/embeddings';
import { type FakeUpstreamStack, startFakeUpstreamStack } from './support/fake-upstreams';

// Real: gateway and billing processes, Postgres, Redis, and three client SDKs as a user runs them
// (openai, the Vercel AI SDK through @ai-sdk/openai-compatible, LangChain's OpenAIEmbeddings).
// Simulated: the upstream embedding model (deterministic unit vectors), over HTTP, in this process.
// Each test has a team of its own, so its ledger holds exactly that test's debits.
describe('POST /v1/embeddings through the client SDKs', () => {
  let fakes: FakeUpstreamStack;
  let prisma: PrismaClient;
  const baseURL = () => `${fakes.stack.gatewayUrl}/v1`;
  const newTeam = (): Promise<TeamFixture> => createTeam(prisma, { grantMicro: 10_000_000n });
  const openai = (team: TeamFixture) => new OpenAI({ apiKey: team.apiKey, baseURL: baseURL(), maxRetries: 0 });

  beforeAll(async () => {
    prisma = createTestPrisma();
    fakes = await startFakeUpstreamStack();
  }, 90_000);

  afterAll(async () => {
    await fakes?.stop();
    await prisma?.$disconnect();
  });

  async function expectBilled(team: TeamFixture, tokens: number, requests = 1): Promise<void> {
    const billed = await billedEmbeddings(prisma, team.teamId, requests);
    expect(billed.debits.reduce((sum, debit) => sum + debit, 0n)).toBe(-costOf(tokens));
    for (const record of billed.records)
      expect(record).toMatchObject({ kind: 'embedding', model: SIM_EMBED.alias, completionTokens: 0 });
    expect(billed.records.reduce((sum, record) => sum + record.promptTokens, 0)).toBe(tokens);
  }

  it('openai: the default (base64) decodes to exactly the float vectors, with usage and credits', async () => {
    const team = await newTeam();
    const texts = ['The quick brown fox', 'jumps over the lazy dog'];
    const { data, response } = await openai(team)
      .embeddings.create({ model: SIM_EMBED.alias, input: texts })
      .withResponse();
    expect(response.headers.get('x-switchyard-model')).toBe(SIM_EMBED.alias);
    expect(data.object).toBe('list');
    expect(data.model).toBe(SIM_EMBED.alias);
    expect(data.data.map((item) => item.index)).toEqual([0, 1]);
    expect(data.data.map((item) => item.embedding)).toEqual(expectedVectors(texts));
    const tokens = tokensOf(texts);
    expect(data.usage).toEqual({
      prompt_tokens: tokens,
      total_tokens: tokens,
      credits: formatCredits(costOf(tokens)),
    });
    await expectBilled(team, tokens);
  });

  it('openai: encoding_format float, one string input', async () => {
    const team = await newTeam();
    const result = await openai(team).embeddings.create({
      model: SIM_EMBED.alias,
      input: 'hello world',
      encoding_format: 'float',
    });
    expect(result.data).toEqual([{ object: 'embedding', index: 0, embedding: expectedVectors(['hello world'])[0] }]);
    const norm = Math.hypot(...result.data[0].embedding);
    expect(norm).toBeCloseTo(1, 5);
    await expectBilled(team, tokensOf(['hello world']));
  });

  it('openai: dimensions shortens the vectors', async () => {
    const team = await newTeam();
    const result = await openai(team).embeddings.create({ model: SIM_EMBED.alias, input: ['a b c'], dimensions: 32 });
    expect(result.data[0].embedding).toEqual(expectedVectors(['a b c'], 32)[0]);
    await expectBilled(team, tokensOf(['a b c']));
  });

  it('openai: a batch of 100 comes back in input order and is billed once, exactly', async () => {
    const team = await newTeam();
    const texts = shortTexts(100);
    const result = await openai(team).embeddings.create({ model: SIM_EMBED.alias, input: texts });
    expect(result.data.map((item) => item.index)).toEqual(texts.map((_, index) => index));
    expect(result.data.map((item) => item.embedding)).toEqual(expectedVectors(texts));
    expect(result.usage.prompt_tokens).toBe(tokensOf(texts));
    await expectBilled(team, tokensOf(texts));
  });

  it('Vercel AI SDK: embedMany through @ai-sdk/openai-compatible', async () => {
    const team = await newTeam();
    const provider = createOpenAICompatible({ name: 'switchyard', baseURL: baseURL(), apiKey: team.apiKey });
    const texts = shortTexts(16, 'vercel');
    const { embeddings, usage } = await embedMany({
      model: provider.embeddingModel(SIM_EMBED.alias),
      values: texts,
      maxRetries: 0,
    });
    expect(embeddings).toEqual(expectedVectors(texts));
    expect(usage.tokens).toBe(tokensOf(texts));
    await expectBilled(team, tokensOf(texts));
  });

  it('LangChain: OpenAIEmbeddings.embedDocuments', async () => {
    const team = await newTeam();
    const embeddings = new OpenAIEmbeddings({
      model: SIM_EMBED.alias,
      apiKey: team.apiKey,
      configuration: { baseURL: baseURL() },
      maxRetries: 0,
    });
    const texts = shortTexts(5, 'langchain');
    await expect(embeddings.embedDocuments(texts)).resolves.toEqual(expectedVectors(texts));
    await expectBilled(team, tokensOf(texts));
  });
});
