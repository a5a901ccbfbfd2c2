import OpenAI from 'openai';
import { parseCredits } from '@switchyard/contracts';
import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma } from '@switchyard/testing';
import { createTeam, type TeamFixture } from './support/e2e-fixtures';
import { type FakeUpstreamStack, startFakeUpstreamStack } from './support/fake-upstreams';

// Real: the official openai client, gateway and billing processes, Postgres, Redis. Faked: an
// Anthropic Messages API server on 127.0.0.1 (real JSON and SSE event formats) behind claude-core.
describe('The openai client through the gateway to an Anthropic upstream', () => {
  let fakes: FakeUpstreamStack;
  let prisma: PrismaClient;
  let team: TeamFixture;
  let client: OpenAI;
  const tools: OpenAI.ChatCompletionTool[] = [
    {
      type: 'function',
      function: {
        name: 'get_weather',
        description: 'Weather by city',
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    },
  ];

  beforeAll(async () => {
    prisma = createTestPrisma();
    fakes = await startFakeUpstreamStack();
    team = await createTeam(prisma, { grantMicro: 100_000_000n });
    client = new OpenAI({ apiKey: team.apiKey, baseURL: `${fakes.stack.gatewayUrl}/v1`, maxRetries: 0 });
  }, 90_000);

  afterAll(async () => {
    await fakes?.stop();
    await prisma?.$disconnect();
  });

  it('gets a normal completion; the upstream got a Messages API request with the key and the system prompt', async () => {
    const completion = await client.chat.completions.create({
      model: 'claude-core',
      max_tokens: 100,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'What is a switchyard?' },
      ],
    });
    expect(completion).toMatchObject({
      object: 'chat.completion',
      model: 'claude-core',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant' } }],
    });
    expect(completion.choices[0].message.content?.length).toBeGreaterThan(0);
    const usage = completion.usage as OpenAI.CompletionUsage & { credits: string };
    expect(parseCredits(usage.credits)).toBe(
      BigInt(usage.prompt_tokens) * 1_000n + BigInt(usage.completion_tokens) * 2_000n,
    );
    expect(fakes.anthropic.received.at(-1)).toMatchObject({
      model: 'claude-3-5-haiku',
      max_tokens: 100,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'What is a switchyard?' }],
    });
  });

  it('streams, with finish_reason on the last content chunk and a usage chunk carrying credits', async () => {
    const stream = await client.chat.completions.create({
      model: 'claude-core',
      messages: [{ role: 'user', content: 'Count to five' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('').length).toBeGreaterThan(0);
    expect(chunks.filter((c) => c.choices.length > 0).at(-1)?.choices[0].finish_reason).toBe('stop');
    const last = chunks.at(-1) as OpenAI.ChatCompletionChunk & { usage: { credits: string; prompt_tokens: number } };
    expect(last.choices).toEqual([]);
    expect(last.usage.credits).toMatch(/^\d+\.\d{6}$/);
  });

  it('gets tool calls, streamed and not, and answers the tool result', async () => {
    const ask: OpenAI.ChatCompletionMessageParam = { role: 'user', content: 'Weather in Paris?' };
    const first = await client.chat.completions.create({
      model: 'claude-core',
      messages: [ask],
      tools,
      tool_choice: 'required',
    });
    const call = first.choices[0].message.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(call).toMatchObject({
      id: expect.stringMatching(/^toolu_/),
      type: 'function',
      function: { name: 'get_weather' },
    });
    expect(typeof JSON.parse(call.function.arguments).city).toBe('string');

    const runner = client.chat.completions.stream({
      model: 'claude-core',
      messages: [ask],
      tools,
      tool_choice: 'required',
    });
    const streamed = await runner.finalChatCompletion();
    expect(streamed.choices[0].message.tool_calls?.[0]).toMatchObject({
      id: call.id,
      function: { name: 'get_weather', arguments: call.function.arguments },
    });

    const answer = await client.chat.completions.create({
      model: 'claude-core',
      tools,
      messages: [ask, first.choices[0].message, { role: 'tool', tool_call_id: call.id, content: '{"temp_c":18}' }],
    });
    expect(answer.choices[0]).toMatchObject({
      finish_reason: 'stop',
      message: { content: expect.stringContaining('get_weather') },
    });
    expect(fakes.anthropic.received.at(-1)?.messages.at(-1)).toEqual({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: call.id, content: '{"temp_c":18}' }],
    });
  });
});
