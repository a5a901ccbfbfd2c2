import type { ChatCompletionChunk, ChatRequestBody, ProviderConfig } from '@switchyard/contracts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { closedPort, listen, type RunningServer } from '../http/fake-upstream.test-util';
import type { UpstreamFaults } from '../simulated/upstream-faults.util';
import { UpstreamError } from '../upstream.error';
import type { AnthropicRequest } from './anthropic-wire.types';
import { AnthropicProvider } from './anthropic.provider';
import { createSimulatedAnthropicServer } from './simulated-anthropic.server';
import { waitFor } from '@switchyard/testing';

// Real: undici sockets to a local server speaking Anthropic's Messages API (JSON and SSE events).
const API_KEY = 'sk-ant-test-secretsecret123';
const tools = [
  {
    type: 'function' as const,
    function: {
      name: 'get_weather',
      parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    },
  },
];
const ask: ChatRequestBody = {
  model: 'claude-test',
  max_tokens: 200,
  messages: [
    { role: 'system', content: 'Be brief.' },
    { role: 'user', content: 'What is a switchyard?' },
  ],
};

async function collect(
  stream: AsyncIterable<ChatCompletionChunk>,
  seen: ChatCompletionChunk[] = [],
): Promise<ChatCompletionChunk[]> {
  for await (const chunk of stream) seen.push(chunk);
  return seen;
}

async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UpstreamError);
  return err as UpstreamError;
}

describe(AnthropicProvider.name, () => {
  let upstream: RunningServer | undefined;
  let provider: AnthropicProvider | undefined;
  const faults: UpstreamFaults = {};
  const received: AnthropicRequest[] = [];

  async function setup(
    handler?: (req: IncomingMessage, res: ServerResponse) => void,
    timeouts: Partial<ProviderConfig> = {},
  ): Promise<AnthropicProvider> {
    upstream = await listen(handler ?? createSimulatedAnthropicServer({ faults, received, chunkChars: 8 }));
    provider = new AnthropicProvider(
      { name: 'claude', kind: 'anthropic', baseUrl: `${upstream.origin}/v1`, timeoutMs: 2000, ...timeouts },
      API_KEY,
    );
    return provider;
  }

  afterEach(async () => {
    await provider?.close();
    await upstream?.close();
    provider = upstream = undefined;
    for (const key of Object.keys(faults)) delete faults[key as keyof UpstreamFaults];
    received.length = 0;
  });

  it('completes a plain request: system hoisted, answer and usage in OpenAI shape', async () => {
    const p = await setup();
    const completion = await p.complete(ask, {});
    expect(received[0]).toMatchObject({
      model: 'claude-test',
      max_tokens: 200,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'What is a switchyard?' }],
    });
    expect(completion).toMatchObject({
      object: 'chat.completion',
      id: expect.stringMatching(/^msg_/),
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: expect.any(String) } }],
    });
    expect(completion.choices[0].message.content?.length).toBeGreaterThan(10);
    expect(completion.usage.total_tokens).toBe(completion.usage.prompt_tokens + completion.usage.completion_tokens);
  });

  it('streams the same answer as chunks, then finish_reason and a usage chunk', async () => {
    const p = await setup();
    const whole = await p.complete(ask, {});
    // undici frees a socket just after the body ends; a request in the same tick may open another.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const chunks = await collect(p.stream(ask, {}));
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(whole.choices[0].message.content);
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: whole.usage });
    expect(upstream!.sockets).toHaveLength(1);
  });

  it('round-trips a tool call and its result, streamed and not', async () => {
    const p = await setup();
    const first = await p.complete({ ...ask, tools, tool_choice: 'required' }, {});
    const call = first.choices[0].message.tool_calls![0];
    expect(first.choices[0].finish_reason).toBe('tool_calls');
    expect(JSON.parse(call.function.arguments)).toEqual({ city: expect.any(String) });
    const streamed = await collect(p.stream({ ...ask, tools, tool_choice: 'required' }, {}));
    const deltas = streamed.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(deltas[0]).toMatchObject({ index: 0, id: call.id, function: { name: 'get_weather' } });
    expect(deltas.map((d) => d.function?.arguments ?? '').join('')).toBe(call.function.arguments);

    const followUp = await p.complete(
      {
        ...ask,
        tools,
        messages: [
          ...ask.messages,
          { role: 'assistant', content: null, tool_calls: [call] },
          { role: 'tool', tool_call_id: call.id, content: '{"temp_c":18}' },
        ],
      },
      {},
    );
    expect(received.at(-1)?.messages.at(-1)).toEqual({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: call.id, content: '{"temp_c":18}' }],
    });
    expect(followUp.choices[0]).toMatchObject({
      finish_reason: 'stop',
      message: { content: expect.stringContaining('get_weather') },
    });
  });

  it('asks for JSON in JSON mode', async () => {
    const p = await setup();
    await p.complete({ ...ask, response_format: { type: 'json_object' } }, {});
    expect(received[0].system).toBe(
      'Be brief.\n\nRespond with a single JSON object and nothing else: no prose, no code fences.',
    );
  });

  it.each([
    [429, { code: 'upstream_error', retriable: true, upstreamStatus: 429, retryAfterSeconds: 1 }],
    [529, { code: 'upstream_error', retriable: true, upstreamStatus: 529 }],
    [500, { code: 'upstream_error', retriable: true, upstreamStatus: 500 }],
    [
      400,
      {
        code: 'upstream_bad_request',
        retriable: false,
        message: 'The upstream provider rejected the request: Simulated failure (HTTP 400).',
      },
    ],
  ])('maps HTTP %i from Anthropic', async (status, expected) => {
    const p = await setup();
    faults.status = status;
    expect(await failure(p.complete(ask, {}))).toMatchObject(expected);
    expect(await failure(collect(p.stream(ask, {})))).toMatchObject(expected);
  });

  it('times out before the first byte', async () => {
    const p = await setup(undefined, { firstByteTimeoutMs: 150 });
    faults.latencyMs = 1000;
    expect(await failure(p.complete(ask, {}))).toMatchObject({ code: 'upstream_timeout', retriable: true });
  });

  it('enforces the total deadline on a stream that keeps going', async () => {
    upstream = await listen(createSimulatedAnthropicServer({ chunkChars: 1, chunkDelayMs: 30 }));
    provider = new AnthropicProvider(
      { name: 'claude', kind: 'anthropic', baseUrl: `${upstream.origin}/v1`, timeoutMs: 2000, totalTimeoutMs: 200 },
      API_KEY,
    );
    expect(await failure(collect(provider.stream(ask, {})))).toMatchObject({ code: 'upstream_timeout' });
  });

  it('reports a refused connection as retriable', async () => {
    const port = await closedPort();
    provider = new AnthropicProvider(
      { name: 'claude', kind: 'anthropic', baseUrl: `http://127.0.0.1:${port}/v1`, timeoutMs: 2000 },
      API_KEY,
    );
    expect(await failure(provider.complete(ask, {}))).toMatchObject({
      code: 'upstream_error',
      retriable: true,
      message: 'Could not reach the upstream provider.',
    });
  });

  it.each([
    ['truncated', { truncateAfterChunks: 4 }, 'upstream_error'],
    ['ending in an error event', { errorAfterChunks: 4 }, 'upstream_error'],
    ['stalled', { stallAfterChunks: 4 }, 'upstream_timeout'],
  ])('fails a %s stream after the chunks that arrived', async (_case, fault, code) => {
    const p = await setup(undefined, { timeoutMs: 200 });
    Object.assign(faults, fault);
    const seen: ChatCompletionChunk[] = [];
    expect(await failure(collect(p.stream(ask, {}), seen))).toMatchObject({ code, retriable: true });
    expect(seen.length).toBeGreaterThan(0);
  });

  it('fails a stream with malformed events', async () => {
    const p = await setup(
      (_req, res) =>
        void res
          .writeHead(200, { 'content-type': 'text/event-stream' })
          .end('event: message_start\ndata: {"type":"message_start","message":\n\n'),
    );
    expect(await failure(collect(p.stream(ask, {})))).toMatchObject({
      message: 'The upstream provider sent a malformed stream.',
    });
  });

  it('slows the upstream down for a slow reader instead of buffering, and aborts it on the signal', async () => {
    let blocked = false;
    let closed = false;
    const p = await setup((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.on('close', () => (closed = true));
      const delta = `event: content_block_delta\ndata: ${JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'x'.repeat(16 * 1024) } })}\n\n`;
      res.write(
        `event: message_start\ndata: {"type":"message_start","message":{"id":"m","model":"c","usage":{"input_tokens":1,"output_tokens":1}}}\n\n`,
      );
      const pump = (): void => {
        while (!closed && res.write(delta));
        if (closed) return;
        blocked = true;
        res.once('drain', pump);
      };
      pump();
    });
    const controller = new AbortController();
    const reader = p.stream(ask, { signal: controller.signal })[Symbol.asyncIterator]();
    await reader.next();
    await waitFor(() => blocked, { timeoutMs: 2_000, intervalMs: 10, describe: 'the upstream write to block' });
    controller.abort(new Error('client left'));
    await expect(collect({ [Symbol.asyncIterator]: () => reader })).rejects.toThrow('client left');
    await waitFor(() => closed, { timeoutMs: 2_000, intervalMs: 10, describe: 'the upstream socket to close' });
  });
});
