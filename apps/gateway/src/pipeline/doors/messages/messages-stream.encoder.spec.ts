import { type ChatCompletionChunk, RateLimitExceededError } from '@switchyard/contracts';
import type { PipelineContext } from '../../pipeline-context';
import { messagesStreamEncoder as encoder } from './messages-stream.encoder';

const REQUEST_ID = '0f8fad5b-d9cb-469f-a165-70867728950e';

/** What the stages set before the encoder runs: the served alias and its counted prompt, then usage and cost. */
function context(): PipelineContext {
  return {
    http: { requestId: REQUEST_ID },
    served: { model: { alias: 'gpt-core' }, promptTokens: 12 },
    usage: { promptTokens: 12, completionTokens: 7, cachedReadTokens: 2, cacheCreationTokens: 0 },
    costMicro: 26_000n,
  } as unknown as PipelineContext;
}

const chunk = (delta: ChatCompletionChunk['choices'][number]['delta'], finish: 'stop' | 'tool_calls' | null = null) =>
  ({
    id: 'x',
    object: 'chat.completion.chunk',
    created: 0,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish }],
  }) as ChatCompletionChunk;

/** SSE text as [event line, parsed data] pairs. */
function parse(sse: string): Array<[string, Record<string, unknown>]> {
  return sse
    .split('\n\n')
    .filter((block) => block !== '')
    .map((block) => {
      const [eventLine, dataLine] = block.split('\n');
      return [eventLine.replace('event: ', ''), JSON.parse(dataLine.replace('data: ', ''))];
    });
}

describe('messagesStreamEncoder', () => {
  it('turns chat chunks of text and a tool call into the Messages API event sequence', () => {
    const ctx = context();
    const sse = [
      encoder.start!(ctx),
      encoder.chunk(ctx, chunk({ role: 'assistant', content: '' })) ?? '',
      encoder.chunk(ctx, chunk({ content: 'Hi' })) ?? '',
      encoder.chunk(ctx, chunk({ content: ' there' })) ?? '',
      encoder.chunk(ctx, chunk({ tool_calls: [{ index: 0, id: 'call_1', function: { name: 'f', arguments: '' } }] })),
      encoder.chunk(ctx, chunk({ tool_calls: [{ index: 0, function: { arguments: '{"a":' } }] })),
      encoder.chunk(ctx, chunk({ tool_calls: [{ index: 0, function: { arguments: '1}' } }] })),
      encoder.chunk(ctx, chunk({}, 'tool_calls')) ?? '',
      encoder.end(ctx),
    ].join('');
    const events = parse(sse);
    for (const [name, data] of events) expect(data.type).toBe(name);
    expect(events.map(([, data]) => data)).toEqual([
      {
        type: 'message_start',
        message: {
          id: `msg_${REQUEST_ID.replaceAll('-', '')}`,
          type: 'message',
          role: 'assistant',
          model: 'gpt-core',
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: 12, output_tokens: 0 },
        },
      },
      { type: 'ping' },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: ' there' } },
      { type: 'content_block_stop', index: 0 },
      {
        type: 'content_block_start',
        index: 1,
        content_block: { type: 'tool_use', id: 'call_1', name: 'f', input: {} },
      },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '{"a":' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'input_json_delta', partial_json: '1}' } },
      { type: 'content_block_stop', index: 1 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'tool_use', stop_sequence: null },
        usage: {
          input_tokens: 10,
          output_tokens: 7,
          cache_creation_input_tokens: 0,
          cache_read_input_tokens: 2,
          credits: '0.026000',
        },
      },
      { type: 'message_stop' },
    ]);
  });

  it('ends a stream that failed after its first byte with an error event in Anthropic shape', () => {
    expect(parse(encoder.error(context(), new RateLimitExceededError('slow down', 3)))).toEqual([
      ['error', { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' } }],
    ]);
  });

  it("relays a Claude upstream's thinking as thinking and redacted_thinking blocks before the text", () => {
    const ctx = context();
    encoder.start!(ctx);
    const sse = [
      encoder.chunk(ctx, chunk({ thinking: 'Hm' })),
      encoder.chunk(ctx, chunk({ thinking_signature: 'sig' })),
      encoder.chunk(ctx, chunk({ redacted_thinking: 'opaque' })),
      encoder.chunk(ctx, chunk({ content: 'Yes' }, 'stop')),
    ].join('');
    expect(parse(sse).map(([, data]) => data)).toEqual([
      { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Hm' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'redacted_thinking', data: 'opaque' } },
      { type: 'content_block_stop', index: 1 },
      { type: 'content_block_start', index: 2, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 2, delta: { type: 'text_delta', text: 'Yes' } },
    ]);
  });
});
