import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import OpenAI from 'openai';
import { parseCredits, USAGE_EVENTS_QUEUE, USAGE_EVENT_JOB, type UsageEvent } from '@switchyard/contracts';
import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma, waitFor } from '@switchyard/testing';
import { expectBilledOnce, type ServedRequest } from './support/billed-once';
import { createTeam, type TeamFixture } from './support/e2e-fixtures';
import { startE2eStack, type E2eStack } from './support/e2e-stack';

// Real: gateway and billing processes, Postgres (this run's database), Redis (own prefix), BullMQ,
// the official openai client. Simulated: the upstream model, over HTTP, in this process.
const GRANT_MICRO = 100_000_000n; // 100 credits
const CORE_MICRO_PER_TOKEN = 1_000n; // 1 credit per 1K input tokens
const PRO_MICRO_PER_TOKEN = 3_000n;

describe('Switchyard end to end: API key to ledger entry', () => {
  let stack: E2eStack;
  let prisma: PrismaClient;

  /** A team of its own (granted GRANT_MICRO) and the official client on its key: no test reads another's requests. */
  async function teamClient(): Promise<{ team: TeamFixture; client: OpenAI; served: ServedRequest[] }> {
    const team = await createTeam(prisma, { grantMicro: GRANT_MICRO });
    const client = new OpenAI({ apiKey: team.apiKey, baseURL: `${stack.gatewayUrl}/v1`, maxRetries: 0 });
    return { team, client, served: [] };
  }
  /** One short request by model alias, recorded in `served`. */
  async function serveOne(client: OpenAI, served: ServedRequest[], content: string): Promise<void> {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }], max_tokens: 16 })
      .withResponse();
    served.push({
      requestId: response.headers.get('x-request-id') as string,
      credits: (data.usage as unknown as { credits: string }).credits,
    });
  }
  const billedOnce = (team: TeamFixture, served: ServedRequest[]) =>
    expectBilledOnce(prisma, stack.gatewayUrl, { team, grantMicro: GRANT_MICRO, served });

  beforeAll(async () => {
    prisma = createTestPrisma();
    stack = await startE2eStack();
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await prisma?.$disconnect();
  });

  it('answers a request by model alias in OpenAI shape, with route headers and its cost', async () => {
    const { team, client, served } = await teamClient();
    const { data, response } = await client.chat.completions
      .create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'What is the capital of France?' }],
        max_tokens: 64,
        seed: 7,
      })
      .withResponse();

    expect(response.headers.get('x-switchyard-model')).toBe('gpt-4o-mini');
    expect(response.headers.get('x-switchyard-tier')).toBe('core');
    expect(Number(response.headers.get('x-switchyard-overhead-ms'))).toBeGreaterThanOrEqual(0);
    const requestId = response.headers.get('x-request-id') as string;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(data).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      id: `chatcmpl-${requestId.replaceAll('-', '')}`,
    });
    expect(data.choices).toHaveLength(1);
    expect(data.choices[0]).toMatchObject({
      index: 0,
      finish_reason: expect.stringMatching(/^(stop|length)$/),
      message: { role: 'assistant' },
    });
    expect(data.choices[0].message.content?.length).toBeGreaterThan(0);
    const usage = data.usage as OpenAI.CompletionUsage & { credits: string };
    expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
    expect(parseCredits(usage.credits)).toBe(BigInt(usage.prompt_tokens) * CORE_MICRO_PER_TOKEN);
    served.push({ requestId, credits: usage.credits });
    await billedOnce(team, served);
  });

  it('routes a task_type to its tier and echoes a sane client x-request-id', async () => {
    const { team, client, served } = await teamClient();
    const { data, response } = await client.chat.completions
      .create(
        {
          task_type: 'code_gen',
          messages: [{ role: 'user', content: 'Write a Python function that sorts a list' }],
          max_tokens: 200,
        } as never,
        {
          headers: { 'x-request-id': 'client-trace-42' },
        },
      )
      .withResponse();
    expect(response.headers.get('x-request-id')).toBe('client-trace-42');
    expect(response.headers.get('x-switchyard-tier')).toBe('pro');
    const completion = data as OpenAI.ChatCompletion;
    expect(completion.model).toBe(response.headers.get('x-switchyard-model'));
    const usage = completion.usage as OpenAI.CompletionUsage & { credits: string };
    expect(parseCredits(usage.credits)).toBe(BigInt(usage.prompt_tokens) * PRO_MICRO_PER_TOKEN);
    const record = await waitFor(
      () => prisma.usageRecord.findFirst({ where: { clientRequestId: 'client-trace-42' } }),
      { timeoutMs: 20_000, describe: 'the usage record' },
    );
    expect(record).toMatchObject({ taskType: 'code_gen', tier: 'pro', model: completion.model });
    served.push({ requestId: record.requestId, credits: usage.credits });
    await billedOnce(team, served);
  });

  it('streams chunks, ends the content with finish_reason, then a usage chunk and [DONE]', async () => {
    const { team, client, served } = await teamClient();
    const { data: stream, response } = await client.chat.completions
      .create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Count to 5' }],
        stream: true,
        stream_options: { include_usage: true },
      })
      .withResponse();
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);

    const content = chunks.flatMap((c) => c.choices.map((ch) => ch.delta.content ?? '')).join('');
    expect(content.length).toBeGreaterThan(0);
    const withChoices = chunks.filter((c) => c.choices.length > 0);
    expect(withChoices.at(-1)?.choices[0].finish_reason).toMatch(/^(stop|length)$/);
    expect(withChoices.slice(0, -1).every((c) => c.choices[0].finish_reason === null)).toBe(true);
    expect(chunks.every((c) => c.model === 'gpt-4o-mini' && c.object === 'chat.completion.chunk')).toBe(true);
    const last = chunks.at(-1) as OpenAI.ChatCompletionChunk & { usage: OpenAI.CompletionUsage & { credits: string } };
    expect(last.choices).toEqual([]);
    expect(parseCredits(last.usage.credits)).toBe(BigInt(last.usage.prompt_tokens) * CORE_MICRO_PER_TOKEN);
    served.push({ requestId: response.headers.get('x-request-id') as string, credits: last.usage.credits });
    await billedOnce(team, served);
  });

  it('returns a tool call when tools are required and answers the tool result', async () => {
    const { team, client, served } = await teamClient();
    const tools: OpenAI.ChatCompletionTool[] = [
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Current weather for a city',
          parameters: {
            type: 'object',
            properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['c', 'f'] } },
            required: ['city'],
          },
        },
      },
    ];
    const ask: OpenAI.ChatCompletionMessageParam = { role: 'user', content: 'What is the weather in Paris?' };
    const first = await client.chat.completions
      .create({ model: 'gpt-4o-mini', messages: [ask], tools, tool_choice: 'required' })
      .withResponse();
    const call = first.data.choices[0].message.tool_calls?.[0] as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(first.data.choices[0].finish_reason).toBe('tool_calls');
    expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
    expect(typeof JSON.parse(call.function.arguments).city).toBe('string');

    const second = await client.chat.completions
      .create({
        model: 'gpt-4o-mini',
        tools,
        messages: [
          ask,
          first.data.choices[0].message,
          { role: 'tool', tool_call_id: call.id, content: '{"temp_c": 18}' },
        ],
      })
      .withResponse();
    expect(second.data.choices[0].message.content?.length).toBeGreaterThan(0);
    for (const r of [first, second]) {
      served.push({
        requestId: r.response.headers.get('x-request-id') as string,
        credits: (r.data.usage as unknown as { credits: string }).credits,
      });
    }
    await billedOnce(team, served);
  });

  it('debits every served request exactly once, to the micro-credit', async () => {
    const { team, client, served } = await teamClient();
    for (const content of ['One.', 'Two.', 'Three.']) {
      await serveOne(client, served, content);
    }
    await billedOnce(team, served);
  });

  it('ignores a replayed usage event: the ledger is unchanged', async () => {
    const { team, client, served } = await teamClient();
    await serveOne(client, served, 'Bill me once.');
    await billedOnce(team, served);
    const before = await prisma.creditAccount.findUniqueOrThrow({ where: { teamId: team.teamId } });
    const record = await prisma.usageRecord.findUniqueOrThrow({ where: { requestId: served[0].requestId } });
    const event: UsageEvent = {
      v: 1,
      requestId: record.requestId,
      clientRequestId: record.clientRequestId,
      teamId: record.teamId,
      apiKeyId: record.apiKeyId,
      model: record.model,
      provider: record.provider,
      upstreamModel: record.upstreamModel,
      tier: record.tier as UsageEvent['tier'],
      taskType: record.taskType as UsageEvent['taskType'],
      usage: {
        promptTokens: record.promptTokens,
        completionTokens: record.completionTokens,
        cachedReadTokens: 0,
        cacheCreationTokens: 0,
      },
      costMicro: record.costMicro.toString(),
      latencyMs: record.latencyMs,
      status: 'completed',
      occurredAt: record.occurredAt.toISOString(),
    };
    // A new job id gets past BullMQ's de-duplication: only the database can stop this one.
    const connection = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { maxRetriesPerRequest: null });
    const queue = new Queue(USAGE_EVENTS_QUEUE, { connection, prefix: stack.redisPrefix });
    try {
      const job = await queue.add(USAGE_EVENT_JOB, event, { jobId: `replay-${record.requestId}` });
      await waitFor(async () => (await job.getState()) === 'completed', {
        timeoutMs: 20_000,
        describe: 'the replayed job',
      });
    } finally {
      await queue.close();
      connection.disconnect();
    }
    const after = await prisma.creditAccount.findUniqueOrThrow({ where: { teamId: team.teamId } });
    expect(after.balanceMicro).toBe(before.balanceMicro);
    expect(await prisma.ledgerEntry.count({ where: { requestId: record.requestId } })).toBe(1);
  });
});
