import type { ChatRequestBody } from '@switchyard/contracts';
import { toAnthropicRequest } from './to-anthropic-request.util';

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
