import Anthropic from '@anthropic-ai/sdk';
import { parseCredits } from '@switchyard/contracts';
import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma } from '@switchyard/testing';
import { expectBilledOnce, type ServedRequest } from './support/billed-once';
import { createTeam, type TeamFixture } from './support/e2e-fixtures';
import { type FakeUpstreamStack, startFakeUpstreamStack } from './support/fake-upstreams';

/** A 1×1 PNG. */
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const GRANT = 100_000_000n;
/** Our request id, from the message id the gateway made of it (msg_ and the id's hex). */
const requestIdOf = (message: Anthropic.Message) =>
  message.id.slice(4).replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
const weather: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Weather by city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
};

// Real: @anthropic-ai/sdk 1.15, gateway and billing processes, Postgres, Redis. Faked: an Anthropic
// Messages API server (claude-core, Claude through passthrough) and an OpenAI-compatible one
// (flaky-core, a GPT-style model the request is translated for), both on 127.0.0.1.
describe('The Anthropic SDK through POST /v1/messages', () => {
  let fakes: FakeUpstreamStack;
  let prisma: PrismaClient;
  let team: TeamFixture;
  let client: Anthropic;
  const served: ServedRequest[] = [];

  const create = async (params: Anthropic.MessageCreateParamsNonStreaming) => {
    const { data, response } = await client.messages.create(params).withResponse();
    const usage = data.usage as Anthropic.Usage & { credits: string };
    served.push({ requestId: response.headers.get('x-request-id') ?? '', credits: usage.credits });
    return data;
  };

  beforeAll(async () => {
    prisma = createTestPrisma();
    fakes = await startFakeUpstreamStack();
    team = await createTeam(prisma, { grantMicro: GRANT });
    client = new Anthropic({ authToken: team.apiKey, apiKey: null, baseURL: fakes.stack.gatewayUrl, maxRetries: 0 });
  }, 90_000);

  afterAll(async () => {
    await fakes?.stop();
    await prisma?.$disconnect();
  });

  it('creates a message on a Claude model, passing the request through with cache_control, thinking and beta', async () => {
    const beta = new Anthropic({ apiKey: team.apiKey, baseURL: fakes.stack.gatewayUrl, maxRetries: 0 });
    const { data, response } = await beta.messages
      .create(
        {
          model: 'claude-core',
          max_tokens: 100,
          thinking: { type: 'enabled', budget_tokens: 1024 },
          system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
          messages: [{ role: 'user', content: 'What is a switchyard?' }],
        },
        { headers: { 'anthropic-beta': 'prompt-caching-2024-07-31' } },
      )
      .withResponse();
    const usage = data.usage as Anthropic.Usage & { credits: string };
    served.push({ requestId: response.headers.get('x-request-id') ?? '', credits: usage.credits });
    expect(data).toEqual({
      id: expect.stringMatching(/^msg_/),
      type: 'message',
      role: 'assistant',
      model: 'claude-core',
      content: [{ type: 'text', text: expect.any(String) }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: expect.any(Number),
        output_tokens: expect.any(Number),
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        credits: expect.stringMatching(/^\d+\.\d{6}$/),
      },
    });
    expect(parseCredits(usage.credits)).toBe(
      BigInt(usage.input_tokens) * 1_000n + BigInt(usage.output_tokens) * 2_000n,
    );
    expect(fakes.anthropic.received.at(-1)).toEqual({
      model: 'claude-3-5-haiku',
      max_tokens: 100,
      thinking: { type: 'enabled', budget_tokens: 1024 },
      system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
      messages: [{ role: 'user', content: 'What is a switchyard?' }],
    });
    expect(fakes.anthropic.receivedBeta.at(-1)).toBe('prompt-caching-2024-07-31');
  });

  it('creates a message on an OpenAI-wire model (translated), with an image block', async () => {
    const message = await create({
      model: 'sim-pro',
      max_tokens: 50,
      messages: [
        {
          role: 'user',
          content: [
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: PNG } },
            { type: 'text', text: 'What is in the picture?' },
          ],
        },
      ],
    });
    expect(message).toMatchObject({ type: 'message', model: 'sim-pro', stop_reason: expect.any(String) });
    expect(message.content[0]).toMatchObject({ type: 'text', text: expect.any(String) });
    expect(message.usage.input_tokens).toBeGreaterThan(0);
  });

  it('streams text as the typed event sequence, each with its event line, message_start carrying real input', async () => {
    const stream = client.messages.stream({
      model: 'claude-core',
      max_tokens: 100,
      messages: [{ role: 'user', content: 'Count to five' }],
    });
    const types: string[] = [];
    let startInput = 0;
    let credits = '';
    for await (const event of stream) {
      types.push(event.type);
      if (event.type === 'message_start') startInput = event.message.usage.input_tokens;
      if (event.type === 'message_delta') credits = (event.usage as unknown as { credits: string }).credits;
    }
    const final = await stream.finalMessage();
    served.push({ requestId: requestIdOf(final), credits });
    expect(startInput).toBeGreaterThan(0);
    const deltas = types.filter((t) => t === 'content_block_delta').length;
    expect(deltas).toBeGreaterThan(0);
    expect(types).toEqual([
      'message_start',
      'content_block_start',
      ...Array<string>(deltas).fill('content_block_delta'),
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    expect(final).toMatchObject({ model: 'claude-core', stop_reason: 'end_turn', content: [{ type: 'text' }] });
    expect(credits).toMatch(/^\d+\.\d{6}$/);
  });

  it('streams a tool call with input_json_delta, then answers the tool result', async () => {
    const ask: Anthropic.MessageParam = { role: 'user', content: 'Weather in Paris?' };
    const stream = client.messages.stream({
      model: 'claude-core',
      max_tokens: 200,
      tools: [weather],
      tool_choice: { type: 'any' },
      messages: [ask],
    });
    const deltaTypes = new Set<string>();
    let credits = '';
    stream.on('streamEvent', (event) => {
      if (event.type === 'content_block_delta') deltaTypes.add(event.delta.type);
      if (event.type === 'message_delta') credits = (event.usage as unknown as { credits: string }).credits;
    });
    const first = await stream.finalMessage();
    served.push({ requestId: requestIdOf(first), credits });
    expect(deltaTypes.has('input_json_delta')).toBe(true);
    expect(first.stop_reason).toBe('tool_use');
    const call = first.content.find((block) => block.type === 'tool_use') as Anthropic.ToolUseBlock;
    expect(call).toMatchObject({ type: 'tool_use', id: expect.stringMatching(/^toolu_/), name: 'get_weather' });
    expect(typeof (call.input as { city: unknown }).city).toBe('string');

    const answer = await create({
      model: 'flaky-core',
      max_tokens: 100,
      tools: [weather],
      messages: [
        ask,
        { role: 'assistant', content: first.content },
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: call.id, content: '{"temp_c":18}' }] },
      ],
    });
    expect(answer).toMatchObject({ type: 'message', stop_reason: 'end_turn', content: [{ type: 'text' }] });
  });

  it('counts tokens without billing', async () => {
    const counted = await client.messages.countTokens({
      model: 'claude-core',
      messages: [{ role: 'user', content: 'What is a switchyard?' }],
    });
    expect(counted).toEqual({ input_tokens: expect.any(Number) });
    expect(counted.input_tokens).toBeGreaterThan(5);
  });

  it('debits every served message once, to the micro-credit', async () => {
    await expectBilledOnce(prisma, fakes.stack.gatewayUrl, { team, grantMicro: GRANT, served });
  }, 30_000);

  it('raises the SDK error classes (401, 402, 429, 404, 400) in Anthropic error shape, before any upstream call', async () => {
    const ask = { max_tokens: 10, messages: [{ role: 'user' as const, content: 'hi' }] };
    const as = (apiKey: string) => new Anthropic({ apiKey, baseURL: fakes.stack.gatewayUrl, maxRetries: 0 });
    const broke = await createTeam(prisma);
    const limited = await createTeam(prisma, { grantMicro: GRANT });
    await prisma.apiKey.update({ where: { id: limited.keyId }, data: { rpmLimit: 1 } });
    // Fixed one-minute windows: the used-up request and the refused one must share a window.
    if (Date.now() % 60_000 > 55_000) await new Promise((r) => setTimeout(r, 6_000));
    await as(limited.apiKey).messages.create({ model: 'claude-core', ...ask });
    const before = fakes.anthropic.requests() + fakes.flaky.requests();
    const cases: Array<[() => Promise<unknown>, unknown, number, string]> = [
      [
        () => as('sy_live_nope').messages.create({ model: 'claude-core', ...ask }),
        Anthropic.AuthenticationError,
        401,
        'authentication_error',
      ],
      [
        () => as(broke.apiKey).messages.create({ model: 'claude-core', ...ask }),
        Anthropic.APIError,
        402,
        'billing_error',
      ],
      [
        () => as(limited.apiKey).messages.create({ model: 'claude-core', ...ask }),
        Anthropic.RateLimitError,
        429,
        'rate_limit_error',
      ],
      [
        () => client.messages.create({ model: 'no-such-model', ...ask }),
        Anthropic.NotFoundError,
        404,
        'not_found_error',
      ],
      [
        () => client.messages.create({ model: 'claude-core', max_tokens: 10, messages: [] }),
        Anthropic.BadRequestError,
        400,
        'invalid_request_error',
      ],
    ];
    for (const [call, errorClass, status, type] of cases) {
      const err = (await call().catch((e: unknown) => e)) as InstanceType<typeof Anthropic.APIError>;
      expect(err).toBeInstanceOf(errorClass as typeof Anthropic.APIError);
      expect(err.status).toBe(status);
      expect(err.error).toEqual({
        type: 'error',
        error: { type, message: expect.any(String) },
        request_id: expect.any(String),
      });
      expect(err.requestID).toBe((err.error as { request_id: string }).request_id);
      if (status === 429) expect(Number(err.headers?.get('retry-after'))).toBeGreaterThan(0);
    }
    expect(fakes.anthropic.requests() + fakes.flaky.requests()).toBe(before);
  });
});
