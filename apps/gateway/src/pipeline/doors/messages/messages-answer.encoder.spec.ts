import type { PipelineContext } from '../../pipeline-context';
import { messagesAnswerEncoder } from './messages-answer.encoder';

/** A served answer as the stages leave it: a Claude upstream's thinking, text and a tool call, with usage and cost. */
const ctx = {
  http: { requestId: '0f8fad5b-d9cb-469f-a165-70867728950e' },
  served: { model: { alias: 'claude-sonnet' } },
  completion: {
    choices: [
      {
        index: 0,
        finish_reason: 'tool_calls',
        message: {
          role: 'assistant',
          content: 'Checking.',
          thinking: [{ type: 'thinking', thinking: 'Weather, then.', signature: 'sig' }],
          tool_calls: [
            { id: 'toolu_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          ],
        },
      },
    ],
  },
  usage: { promptTokens: 100, completionTokens: 20, cachedReadTokens: 60, cacheCreationTokens: 10 },
  costMicro: 123_456n,
} as unknown as PipelineContext;

describe('messagesAnswerEncoder', () => {
  it('answers a Messages API message: thinking, text and tool_use blocks, stop_reason, usage as Anthropic counts it', () => {
    expect(messagesAnswerEncoder.encode(ctx)).toEqual({
      id: 'msg_0f8fad5bd9cb469fa16570867728950e',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet',
      content: [
        { type: 'thinking', thinking: 'Weather, then.', signature: 'sig' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage: {
        input_tokens: 30,
        output_tokens: 20,
        cache_creation_input_tokens: 10,
        cache_read_input_tokens: 60,
        credits: '0.123456',
      },
    });
  });
});
