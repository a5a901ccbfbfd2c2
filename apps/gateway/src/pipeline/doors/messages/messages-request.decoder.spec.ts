import { InvalidRequestError, validateChatRequest } from '@switchyard/contracts';
import { decodeMessagesRequest } from './messages-request.decoder';

// A request as @anthropic-ai/sdk 1.15 sends it (its MessageCreateParams), with every block the decoder reads.
const wire = {
  model: 'claude-core',
  max_tokens: 256,
  system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
  messages: [
    {
      role: 'user',
      content: [
        { type: 'text', text: 'Weather here?' },
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
        { type: 'image', source: { type: 'url', url: 'https://example.com/a.png' } },
      ],
    },
    {
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: 'The user wants weather.', signature: 'sig' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', id: 'toolu_01', name: 'get_weather', input: { city: 'Paris' } },
      ],
    },
    {
      role: 'user',
      content: [
        { type: 'tool_result', tool_use_id: 'toolu_01', content: [{ type: 'text', text: '18C' }] },
        { type: 'text', text: 'Thanks' },
      ],
    },
  ],
  tools: [
    { name: 'get_weather', description: 'Weather by city', input_schema: { type: 'object', properties: {} } },
    { type: 'web_search_20250305', name: 'web_search', max_uses: 2 },
  ],
  tool_choice: { type: 'any', disable_parallel_tool_use: true },
  stop_sequences: ['END'],
  temperature: 0.5,
  top_p: 0.9,
  top_k: 5,
  metadata: { user_id: 'u-1' },
  thinking: { type: 'enabled', budget_tokens: 1024 },
  stream: true,
};

describe(decodeMessagesRequest.name, () => {
  it('translates every field the Chat Completions request has, into a request chat validation accepts', () => {
    const chat = decodeMessagesRequest(wire);
    expect(chat).toEqual({
      model: 'claude-core',
      max_tokens: 256,
      temperature: 0.5,
      top_p: 0.9,
      stream: true,
      stop: ['END'],
      user: 'u-1',
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather by city',
            parameters: { type: 'object', properties: {} },
          },
        },
      ],
      tool_choice: 'required',
      parallel_tool_calls: false,
      messages: [
        { role: 'system', content: 'Be brief.' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Weather here?' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
            { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
          ],
        },
        {
          role: 'assistant',
          content: 'Checking.',
          tool_calls: [
            { id: 'toolu_01', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'toolu_01', content: '18C' },
        { role: 'user', content: [{ type: 'text', text: 'Thanks' }] },
      ],
    });
    expect(validateChatRequest(chat).body.messages).toHaveLength(5);
  });

  it.each([
    ['auto', { type: 'auto' }, 'auto'],
    ['none', { type: 'none' }, 'none'],
    ['a named tool', { type: 'tool', name: 'get_weather' }, { type: 'function', function: { name: 'get_weather' } }],
  ])('maps tool_choice %s', (_case, choice, expected) => {
    expect(decodeMessagesRequest({ ...wire, tool_choice: choice })).toMatchObject({ tool_choice: expected });
  });

  it('applies the Messages API default temperature (1) and marks an errored tool result', () => {
    const chat = decodeMessagesRequest({
      max_tokens: 5,
      task_type: 'simple_chat',
      messages: [
        { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: 'boom', is_error: true }] },
      ],
    });
    expect(chat).toEqual({
      task_type: 'simple_chat',
      max_tokens: 5,
      temperature: 1,
      messages: [{ role: 'tool', tool_call_id: 't', content: 'Error: boom' }],
    });
  });

  it.each([
    ['a body that is no object', [], 'body'],
    ['no max_tokens', { messages: [] }, 'max_tokens'],
    ['messages that are no list', { max_tokens: 1, messages: 'hi' }, 'messages'],
    ['a tool role', { max_tokens: 1, messages: [{ role: 'tool', content: 'x' }] }, 'messages.0.role'],
    [
      'a system message with an image',
      { max_tokens: 1, messages: [{ role: 'system', content: [{ type: 'image' }] }] },
      'messages.0.content.0.type',
    ],
    ['a block without type', { max_tokens: 1, messages: [{ role: 'user', content: [{}] }] }, 'messages.0.content.0'],
    [
      'a document block',
      { max_tokens: 1, messages: [{ role: 'user', content: [{ type: 'document', source: {} }] }] },
      'messages.0.content.0.type',
    ],
    [
      'an image without source',
      { max_tokens: 1, messages: [{ role: 'user', content: [{ type: 'image' }] }] },
      'messages.0.content.0.source',
    ],
    ['a bad tool_choice', { max_tokens: 1, messages: [], tool_choice: { type: 'x' } }, 'tool_choice.type'],
  ])('refuses %s with a 400 naming %s', (_case, body, param) => {
    expect(() => decodeMessagesRequest(body)).toThrow(expect.objectContaining({ param }));
    expect(() => decodeMessagesRequest(body)).toThrow(InvalidRequestError);
  });

  it('takes system messages between the turns, as Claude Code sends them', () => {
    const chat = decodeMessagesRequest({
      max_tokens: 5,
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'system', content: [{ type: 'text', text: 'Reminder.' }] },
      ],
    });
    expect(chat).toMatchObject({
      messages: [
        { role: 'user', content: 'hi' },
        { role: 'system', content: 'Reminder.' },
      ],
    });
  });

  it('does not need max_tokens for count_tokens', () => {
    expect(decodeMessagesRequest({ messages: [] }, { maxTokensRequired: false })).toMatchObject({ messages: [] });
  });
});
