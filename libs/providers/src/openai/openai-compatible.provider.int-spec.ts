import type { ChatCompletionChunk, ChatRequestBody, ProviderConfig, ToolDefinition } from '@switchyard/contracts';
import { simulateCompletion } from '../simulated/simulate-completion.util';
import { createSimulatedServer } from '../simulated/simulated.server';
import { listen, type RunningServer } from '../http/fake-upstream.test-util';
import { OpenAiCompatibleProvider } from './openai-compatible.provider';

// Real: the simulated provider's HTTP server on 127.0.0.1 and undici sockets. Nothing faked.
async function setup(): Promise<{ simulator: RunningServer; provider: OpenAiCompatibleProvider }> {
  const simulator = await listen(createSimulatedServer({ chunkTokens: 3 }));
  const config: ProviderConfig = {
    name: 'simulated',
    kind: 'simulated',
    baseUrl: `${simulator.origin}/v1/`,
    timeoutMs: 5000,
  };
  return { simulator, provider: new OpenAiCompatibleProvider(config, undefined) };
}

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const tools: ToolDefinition[] = [
  {
    type: 'function',
    function: {
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
];

describe(`${OpenAiCompatibleProvider.name} against the simulated provider`, () => {
  let simulator: RunningServer;
  let provider: OpenAiCompatibleProvider;
  beforeEach(async () => ({ simulator, provider } = await setup()));
  afterEach(async () => {
    await provider.close();
    await simulator.close();
  });

  it('completes a plain request with the simulated answer and its token counts', async () => {
    const body: ChatRequestBody = { model: 'sim-core', messages: [{ role: 'user', content: 'Hello there' }], seed: 3 };
    const expected = simulateCompletion(body);
    const completion = await provider.complete(body, {});
    expect(completion).toEqual({
      id: expected.id,
      object: 'chat.completion',
      created: expect.any(Number),
      model: 'sim-core',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: expected.content, refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: expected.usage,
    });
  });

  it('streams the same answer and always ends with a usage chunk', async () => {
    const body: ChatRequestBody = { model: 'sim-core', messages: [{ role: 'user', content: 'Stream me something' }] };
    const expected = simulateCompletion(body);
    const chunks = await collect(provider.stream(body, {}));
    expect(chunks[0].choices[0].delta.role).toBe('assistant');
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(expected.content);
    expect(chunks.at(-2)!.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: expected.usage });
  });

  it('returns a tool call, complete and streamed', async () => {
    const body: ChatRequestBody = {
      model: 'sim-pro',
      messages: [{ role: 'user', content: 'Weather in Lisbon?' }],
      tools,
      tool_choice: 'required',
    };
    const expected = simulateCompletion(body).toolCalls[0];
    const completion = await provider.complete(body, {});
    expect(completion.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: { content: null, tool_calls: [expected] },
    });

    const chunks = await collect(provider.stream(body, {}));
    const deltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(deltas[0]).toMatchObject({ index: 0, id: expected.id, function: { name: 'get_weather' } });
    expect(deltas.map((d) => d.function?.arguments ?? '').join('')).toBe(expected.function.arguments);
    expect(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0].finish_reason).toBe('tool_calls');
  });

  it('returns sockets to the keep-alive pool after complete and streamed calls', async () => {
    const body: ChatRequestBody = { model: 'sim-core', messages: [{ role: 'user', content: 'again' }] };
    // undici frees a socket just after the body ends; a request in the very same tick may open another.
    const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 20));
    await provider.complete(body, {});
    await settle();
    await collect(provider.stream(body, {}));
    await settle();
    await provider.complete(body, {});
    await settle();
    await collect(provider.stream(body, {}));
    expect(simulator.sockets).toHaveLength(1);
    expect(simulator.sockets[0].destroyed).toBe(false);
  });

  it('maps the simulator’s 400 for a bad request to upstream_bad_request', async () => {
    await expect(provider.complete({ model: 'sim-core', messages: [] }, {})).rejects.toMatchObject({
      code: 'upstream_bad_request',
      retriable: false,
      upstreamStatus: 400,
      message: "The upstream provider rejected the request: Missing required parameter: 'messages'.",
    });
  });
});
