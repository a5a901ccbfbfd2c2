import { createAnthropic } from '@ai-sdk/anthropic';
import { ChatAnthropic } from '@langchain/anthropic';
import { generateText, streamText } from 'ai';
import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma, waitFor } from '@switchyard/testing';
import { createTeam, type TeamFixture } from './support/e2e-fixtures';
import { type FakeUpstreamStack, startFakeUpstreamStack } from './support/fake-upstreams';

const GRANT = 10_000_000n;
/** claude-core's rates in the fake catalog (core tier): 1 credit per 1K input tokens, 2 per 1K output. */
const costOf = (input: number, output: number) => BigInt(input) * 1_000n + BigInt(output) * 2_000n;

// Real: gateway and billing processes, Postgres, Redis, and two client SDKs as a user runs them
// (@ai-sdk/anthropic 3.x, which sends x-api-key; @langchain/anthropic 1.5). Faked: the Anthropic
// Messages API upstream behind claude-core. Each test has a team of its own, so its ledger holds
// exactly that test's debits, which must equal the tokens the SDK reported at the catalog's rates.
describe('POST /v1/messages through @ai-sdk/anthropic and @langchain/anthropic', () => {
  let fakes: FakeUpstreamStack;
  let prisma: PrismaClient;

  beforeAll(async () => {
    prisma = createTestPrisma();
    fakes = await startFakeUpstreamStack();
  }, 90_000);

  afterAll(async () => {
    await fakes?.stop();
    await prisma?.$disconnect();
  });

  async function expectDebited(team: TeamFixture, requests: number, micro: bigint): Promise<void> {
    const where = { teamId: team.teamId, kind: 'usage' as const };
    await waitFor(async () => (await prisma.ledgerEntry.count({ where })) === requests, {
      timeoutMs: 20_000,
      describe: 'billing',
    });
    const sum = await prisma.ledgerEntry.aggregate({ where, _sum: { amountMicro: true } });
    expect(sum._sum.amountMicro).toBe(-micro);
    const account = await prisma.creditAccount.findUniqueOrThrow({ where: { teamId: team.teamId } });
    expect(account.balanceMicro).toBe(GRANT - micro);
  }

  it('@ai-sdk/anthropic: generateText and streamText', async () => {
    const team = await createTeam(prisma, { grantMicro: GRANT });
    const anthropic = createAnthropic({ apiKey: team.apiKey, baseURL: `${fakes.stack.gatewayUrl}/v1` });
    const generated = await generateText({ model: anthropic('claude-core'), prompt: 'What is a switchyard?' });
    expect(generated.text.length).toBeGreaterThan(0);
    expect(generated.finishReason).toBe('stop');
    expect(generated.usage.inputTokens).toBeGreaterThan(0);

    const streamed = streamText({ model: anthropic('claude-core'), prompt: 'Count to five' });
    const pieces: string[] = [];
    for await (const piece of streamed.textStream) pieces.push(piece);
    expect(pieces.length).toBeGreaterThan(1);
    expect(await streamed.text).toBe(pieces.join(''));
    const usage = await streamed.usage;
    expect(usage.inputTokens).toBeGreaterThan(0);
    expect(await streamed.finishReason).toBe('stop');

    await expectDebited(
      team,
      2,
      costOf(generated.usage.inputTokens ?? 0, generated.usage.outputTokens ?? 0) +
        costOf(usage.inputTokens ?? 0, usage.outputTokens ?? 0),
    );
  });

  it('@langchain/anthropic: invoke and stream', async () => {
    const team = await createTeam(prisma, { grantMicro: GRANT });
    const chat = new ChatAnthropic({
      model: 'claude-core',
      apiKey: team.apiKey,
      anthropicApiUrl: fakes.stack.gatewayUrl,
      maxRetries: 0,
      maxTokens: 100,
    });
    const answer = await chat.invoke('What is a switchyard?');
    expect(typeof answer.content === 'string' ? answer.content : answer.text).not.toBe('');
    const invoked = answer.usage_metadata!;
    expect(invoked.input_tokens).toBeGreaterThan(0);

    let text = '';
    let input = 0;
    let output = 0;
    for await (const chunk of await chat.stream('Count to five')) {
      text += chunk.text;
      input += chunk.usage_metadata?.input_tokens ?? 0;
      output += chunk.usage_metadata?.output_tokens ?? 0;
    }
    expect(text.length).toBeGreaterThan(0);
    expect(input).toBeGreaterThan(0);

    await expectDebited(team, 2, costOf(invoked.input_tokens, invoked.output_tokens) + costOf(input, output));
  });
});
