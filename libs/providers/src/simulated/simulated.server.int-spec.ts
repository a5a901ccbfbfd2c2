import { once } from 'node:events';
import { type IncomingMessage, request, type ServerResponse } from 'node:http';
import OpenAI from 'openai';
import { listen, type RunningServer } from '../http/fake-upstream.test-util';
import { simulateCompletion } from './simulate-completion.util';
import { createSimulatedServer } from './simulated.server';
import { toChunks } from './simulated-wire.util';
import { waitFor } from '@switchyard/testing';

// Real: the simulator on 127.0.0.1 and the official `openai` client, to prove wire compatibility.
describe(createSimulatedServer.name, () => {
  let simulator: RunningServer;
  let client: OpenAI;
  beforeAll(async () => {
    simulator = await listen(createSimulatedServer({ chunkTokens: 2 }));
    client = new OpenAI({ apiKey: 'not-needed', baseURL: `${simulator.origin}/v1`, maxRetries: 0 });
  });
  afterAll(() => simulator.close());

  const question = {
    model: 'sim-core',
    messages: [{ role: 'user' as const, content: 'What does a switchyard do?' }],
    seed: 11,
  };

  it('answers the official client with a chat.completion', async () => {
    const expected = simulateCompletion(question);
    const completion = await client.chat.completions.create(question);
    expect(completion).toMatchObject({
      id: expected.id,
      object: 'chat.completion',
      model: 'sim-core',
      choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: expected.content } }],
      usage: expected.usage,
    });
  });

  it('streams to the official client, with a final usage chunk when asked', async () => {
    const expected = simulateCompletion(question);
    const stream = await client.chat.completions.create({
      ...question,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(expected.content);
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: expected.usage });
  });

  it('omits the usage chunk unless asked', async () => {
    const stream = await client.chat.completions.create({ ...question, stream: true });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((c) => c.choices.length === 1 && !c.usage)).toBe(true);
  });

  it('streams a tool call the official client can reassemble', async () => {
    const tools = [
      {
        type: 'function' as const,
        function: {
          name: 'lookup_order',
          parameters: { type: 'object', properties: { order_id: { type: 'string' } }, required: ['order_id'] },
        },
      },
    ];
    const runner = client.chat.completions.stream({
      model: 'sim-pro',
      messages: [{ role: 'user', content: 'Where is my order?' }],
      tools,
      tool_choice: 'required',
    });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0].message.tool_calls?.[0];
    expect(final.choices[0].finish_reason).toBe('tool_calls');
    expect(call).toMatchObject({ type: 'function', function: { name: 'lookup_order' } });
    expect(JSON.parse(call?.type === 'function' ? call.function.arguments : '')).toEqual({
      order_id: expect.stringMatching(/^id_\d{4}$/),
    });
  });

  it('answers JSON modes with parseable JSON', async () => {
    const completion = await client.chat.completions.create({ ...question, response_format: { type: 'json_object' } });
    expect(JSON.parse(completion.choices[0].message.content!)).toMatchObject({ topic: 'What does a switchyard do?' });
  });

  it('lists models in OpenAI shape', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model.id);
    expect(models).toEqual(['sim-core', 'sim-pro', 'sim-ultra']);
  });

  it('rejects a request without messages with a 400 the official client understands', async () => {
    const err = await client.chat.completions.create({ model: 'sim-core', messages: [] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err).toMatchObject({
      status: 400,
      error: { message: "Missing required parameter: 'messages'.", type: 'invalid_request_error', param: 'messages' },
    });
  });

  it('answers invalid JSON with 400 and unknown paths with 404, in OpenAI error shape', async () => {
    const bad = await fetch(`${simulator.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model":',
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({
      error: {
        message: 'We could not parse the JSON body of your request.',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
    const missing = await fetch(`${simulator.origin}/v1/embeddings`, { method: 'POST' });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      error: {
        message: 'Unknown request URL: POST /v1/embeddings.',
        type: 'invalid_request_error',
        param: null,
        code: 'unknown_url',
      },
    });
  });

  it('honours the per-request latency and status switches', async () => {
    const started = Date.now();
    await client.chat.completions.create(question, { headers: { 'x-simulate-latency-ms': '150' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    const limited = await client.chat.completions
      .create(question, { headers: { 'x-simulate-status': '429' } })
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe('1');
  });

  it('stops streaming when the client goes away', async () => {
    const slow = await listen(createSimulatedServer({ chunkDelayMs: 20, chunkTokens: 1 }));
    let chunksWritten = 0;
    slow.server.on('request', (_req, res: ServerResponse) => {
      const write = res.write.bind(res) as (data: string) => boolean;
      res.write = ((data: string) => {
        chunksWritten++;
        return write(data);
      }) as typeof res.write;
    });
    try {
      const req = request(`${slow.origin}/v1/chat/completions`, { method: 'POST' });
      req.end(JSON.stringify({ ...question, stream: true }));
      const res = await once(req, 'response').then(([r]) => r as IncomingMessage);
      await once(res, 'data');
      req.destroy();
      await waitFor(() => slow.sockets.every((s) => s.destroyed), {
        timeoutMs: 2_000,
        intervalMs: 10,
        describe: 'every slow socket destroyed',
      });
      const writtenAtClose = chunksWritten;
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(chunksWritten).toBe(writtenAtClose);
      expect(chunksWritten).toBeLessThan(toChunks(simulateCompletion(question), 1).length);
    } finally {
      await slow.close();
    }
  });
});
