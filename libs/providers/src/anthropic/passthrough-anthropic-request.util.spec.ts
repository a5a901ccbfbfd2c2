import type { ChatRequestBody } from '@switchyard/contracts';
import { passthroughAnthropicRequest } from './passthrough-anthropic-request.util';

// A client's Messages API body as Claude Code sends it: cache_control, thinking blocks, a server tool.
const client = {
  model: 'claude-sonnet',
  max_tokens: 32_000,
  system: [{ type: 'text', text: 'You are Claude Code.', cache_control: { type: 'ephemeral' } }],
  messages: [
    { role: 'user', content: 'hi' },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'hm', signature: 'sig' },
        { type: 'text', text: 'yo' },
      ],
    },
    { role: 'user', content: [{ type: 'text', text: 'go', cache_control: { type: 'ephemeral' } }] },
  ],
  tools: [{ type: 'web_search_20250305', name: 'web_search' }],
  tool_choice: { type: 'auto' },
  stop_sequences: ['END'],
  temperature: 1,
  top_k: 40,
  metadata: { user_id: 'u-1' },
  thinking: { type: 'enabled', budget_tokens: 4096 },
  stream: true,
  unknown_field: 'never forwarded',
  context_management: null,
};

describe(passthroughAnthropicRequest.name, () => {
  it("sends the client's own fields, with the gateway's upstream model, capped max_tokens and stream", () => {
    const internal = { model: 'claude-sonnet-4-20250514', max_tokens: 16_000, stream: true } as ChatRequestBody;
    const {
      model: _alias,
      max_tokens: _asked,
      stream: _stream,
      unknown_field: _u,
      context_management: _c,
      ...kept
    } = client;
    expect(passthroughAnthropicRequest(internal, { body: client })).toEqual({
      ...kept,
      model: 'claude-sonnet-4-20250514',
      max_tokens: 16_000,
      stream: true,
    });
  });

  it('leaves stream out of a whole-answer call', () => {
    const internal = { model: 'm', max_tokens: 10, stream: false } as ChatRequestBody;
    expect(passthroughAnthropicRequest(internal, { body: client })).not.toHaveProperty('stream');
  });
});
