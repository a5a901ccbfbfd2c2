import type { ChatCompletionChunk, ChatRequestBody } from '@switchyard/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UpstreamError } from '../upstream.error';
import { parseAnthropicStream } from './anthropic-stream.util';
import { fromAnthropicResponse, toFinishReason } from './from-anthropic-response.util';
import { toAnthropicRequest } from './to-anthropic-request.util';

const fixture = (name: string): Buffer => readFileSync(join(__dirname, 'fixtures', name));

async function* inPieces(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of parseAnthropicStream(body, 'claude')) chunks.push(chunk);
  return chunks;
}

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather by city',
    parameters: { type: 'object', properties: { city: { type: 'string' } } },
  },
};

describe(toAnthropicRequest.name, () => {
  it('hoists system and developer messages, merges tool results into one user turn, and maps every supported field', () => {
    const body: ChatRequestBody = {
      model: 'claude-sonnet-4',
      max_tokens: 256,
      temperature: 1.6,
      top_p: 0.9,
      stop: 'END',
      user: 'user-42',
      seed: 7,
      presence_penalty: 1,
      tools: [weatherTool],
      tool_choice: 'required',
      parallel_tool_calls: false,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather here?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.com/sky.jpg' } },
          ],
        },
        {
          role: 'assistant',
          content: '',
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
            { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Rome"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: '18C' },
        { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: '25C' }] },
        { role: 'user', content: 'Thanks', name: 'ann' },
      ],
    };
    expect(toAnthropicRequest(body)).toEqual({
      model: 'claude-sonnet-4',
      max_tokens: 256,
      system: 'Be brief.\n\nUse metric units.',
      temperature: 1,
      top_p: 0.9,
      stop_sequences: ['END'],
      metadata: { user_id: 'user-42' },
      tools: [
        {
          name: 'get_weather',
          description: 'Weather by city',
          input_schema: { type: 'object', properties: { city: { type: 'string' } } },
        },
      ],
      tool_choice: { type: 'any', disable_parallel_tool_use: true },
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather here?' },
            { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
            { type: 'image', source: { type: 'url', url: 'https://example.com/sky.jpg' } },
          ],
        },
        {
          role: 'assistant',
          content: [
            { type: 'tool_use', id: 'call_1', name: 'get_weather', input: { city: 'Paris' } },
            { type: 'tool_use', id: 'call_2', name: 'get_weather', input: { city: 'Rome' } },
          ],
        },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: 'call_1', content: '18C' },
            { type: 'tool_result', tool_use_id: 'call_2', content: '25C' },
            { type: 'text', text: 'Thanks' },
          ],
        },
      ],
    });
  });

  it.each([
    ['auto', { type: 'auto' }],
    ['none', { type: 'none' }],
    [
      { type: 'function' as const, function: { name: 'get_weather' } },
      { type: 'tool', name: 'get_weather' },
    ],
  ])('maps tool_choice %j', (choice, expected) => {
    expect(
      toAnthropicRequest({
        model: 'c',
        messages: [{ role: 'user', content: 'hi' }],
        tools: [weatherTool],
        tool_choice: choice as ChatRequestBody['tool_choice'],
      }).tool_choice,
    ).toEqual(expected);
  });

  it('asks for JSON in the system prompt for JSON modes, with the schema when given', () => {
    const json = toAnthropicRequest({
      model: 'c',
      messages: [{ role: 'user', content: 'hi' }],
      response_format: { type: 'json_object' },
    });
    expect(json.system).toBe('Respond with a single JSON object and nothing else: no prose, no code fences.');
    const schema = toAnthropicRequest({
      model: 'c',
      messages: [{ role: 'user', content: 'hi' }],
      response_format: { type: 'json_schema', json_schema: { name: 'x', schema: { type: 'object' } } },
    });
    expect(schema.system).toContain('It must match this JSON schema: {"type":"object"}');
  });

  it('refuses tool call arguments that are not JSON, naming the message', () => {
    const body: ChatRequestBody = {
      model: 'c',
      messages: [
        { role: 'user', content: 'a' },
        { role: 'assistant', tool_calls: [{ id: 'x', type: 'function', function: { name: 'f', arguments: '{oops' } }] },
      ],
    };
    expect(() => toAnthropicRequest(body)).toThrow(
      expect.objectContaining({ code: 'invalid_request', param: 'messages[1].tool_calls' }),
    );
  });
});

describe(fromAnthropicResponse.name, () => {
  it('turns a recorded tool_use message into a chat.completion, skipping thinking, counting cached input', () => {
    const completion = fromAnthropicResponse(
      JSON.parse(fixture('anthropic-tool-message.json').toString('utf8')),
      1700000000,
    );
    expect(completion).toEqual({
      id: 'msg_01Aq9w938a90dw8q',
      object: 'chat.completion',
      created: 1700000000,
      model: 'claude-sonnet-4-20250514',
      choices: [
        {
          index: 0,
          finish_reason: 'tool_calls',
          logprobs: null,
          message: {
            role: 'assistant',
            content: "I'll check the weather.",
            refusal: null,
            tool_calls: [
              {
                id: 'toolu_01A09q90qw90lq917835lq9',
                type: 'function',
                function: { name: 'get_weather', arguments: '{"location":"San Francisco, CA","unit":"celsius"}' },
              },
            ],
          },
        },
      ],
      usage: { prompt_tokens: 3895, completion_tokens: 503, total_tokens: 4398, cache_read_input_tokens: 1800 },
    });
  });

  it.each([
    ['end_turn', 'stop'],
    ['stop_sequence', 'stop'],
    ['max_tokens', 'length'],
    ['tool_use', 'tool_calls'],
    ['refusal', 'content_filter'],
    [null, 'stop'],
  ] as const)('maps stop_reason %s to finish_reason %s', (reason, finish) => {
    expect(toFinishReason(reason)).toBe(finish);
  });
});

describe(parseAnthropicStream.name, () => {
  it('translates a recorded stream: role, text deltas, a tool call with argument deltas, finish_reason, usage with cache tokens', async () => {
    const chunks = await collect(inPieces(fixture('anthropic-tool-stream.sse'), 7));
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(
      "Okay, let's check the weather in San Francisco, CA — déjà vu 🌁:",
    );
    const calls = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(calls[0]).toEqual({
      index: 0,
      id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    expect(calls.map((d) => d.function?.arguments ?? '').join('')).toBe('{"location": "San Francisco, CA"}');
    expect(chunks.at(-2)?.choices[0]).toMatchObject({ delta: {}, finish_reason: 'tool_calls' });
    expect(chunks.at(-1)).toMatchObject({
      id: 'msg_014p7gG3wDgGV9EUtLvnow3U',
      choices: [],
      usage: {
        prompt_tokens: 2620,
        completion_tokens: 89,
        total_tokens: 2709,
        cache_read_input_tokens: 2048,
        cache_creation_input_tokens: 100,
      },
    });
    expect(chunks.every((c) => c.model === 'claude-sonnet-4-20250514' && c.object === 'chat.completion.chunk')).toBe(
      true,
    );
  });

  it.each([
    [
      'ends before message_stop',
      (s: string) => s.slice(0, s.indexOf('event: message_delta')),
      'The upstream stream ended before it was complete.',
    ],
    [
      'carries malformed JSON',
      (s: string) => s.replace('{"type":"content_block_stop","index":0}', '{"type":'),
      'The upstream provider sent a malformed stream.',
    ],
    [
      'reports an error event',
      (s: string) =>
        s.replace(
          'event: ping\ndata: {"type": "ping"}',
          'event: error\ndata: {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}',
        ),
      'The upstream provider failed during the stream.',
    ],
  ])('fails with a retriable UpstreamError when the stream %s', async (_case, edit, message) => {
    const body = Buffer.from(edit(fixture('anthropic-tool-stream.sse').toString('utf8')));
    const err = await collect(inPieces(body, 64)).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ code: 'upstream_error', retriable: true, message });
  });
});
