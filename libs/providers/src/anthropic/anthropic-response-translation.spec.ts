import type { ChatCompletionChunk } from '@switchyard/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UpstreamError } from '../upstream.error';
import { parseAnthropicStream } from './anthropic-stream.util';
import { fromAnthropicResponse, toFinishReason } from './from-anthropic-response.util';

const fixture = (name: string): Buffer => readFileSync(join(__dirname, 'fixtures', name));

async function* inPieces(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(body: AsyncIterable<Uint8Array>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of parseAnthropicStream(body, 'claude')) chunks.push(chunk);
  return chunks;
}

describe(fromAnthropicResponse.name, () => {
  it('turns a recorded tool_use message into a chat.completion, keeping thinking, counting cached input', () => {
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
            thinking: [{ type: 'thinking', thinking: 'The user wants the weather.', signature: 'EqQBCgIYAhIM' }],
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

describe('parseAnthropicStream with extended thinking', () => {
  it('relays thinking_delta, signature_delta and redacted_thinking blocks as thinking deltas', async () => {
    const body = fixture('anthropic-thinking-stream.sse');
    const deltas = (await collect(inPieces(body, 11))).flatMap((c) => c.choices.map((choice) => choice.delta));
    expect(deltas.filter((d) => d.thinking || d.thinking_signature || d.redacted_thinking)).toEqual([
      { thinking: 'Let me think' },
      { thinking: ' about trains.' },
      { thinking_signature: 'EqQBCgIYAhIM' },
      { redacted_thinking: 'EmwKAhgBEgy3va' },
    ]);
    expect(deltas.map((d) => d.content ?? '').join('')).toBe('Trains.');
  });
});
