import { chatRequest, userMessage, weatherTool } from './dto/chat-request.fixtures';
import { validateChatRequest } from './validate-chat-request';

describe(`${validateChatRequest.name}: the normalized result`, () => {
  it('applies the defaults: max_tokens 4096, temperature 0.7, stream false', () => {
    expect(validateChatRequest(chatRequest()).body).toEqual({
      messages: [userMessage],
      max_tokens: 4096,
      temperature: 0.7,
      stream: false,
    });
  });

  it.each([
    ['max_completion_tokens alone', { max_completion_tokens: 300 }, 300],
    ['both, max_completion_tokens wins', { max_tokens: 100, max_completion_tokens: 300 }, 300],
    ['max_tokens alone', { max_tokens: 100 }, 100],
    ['max_completion_tokens null', { max_tokens: 100, max_completion_tokens: null }, 100],
  ])('resolves max_tokens from %s', (_case, fields, expected) => {
    const { body } = validateChatRequest(chatRequest(fields));
    expect(body.max_tokens).toBe(expected);
    expect(body).not.toHaveProperty('max_completion_tokens');
  });

  it.each([
    ['neither', {}, undefined],
    ['max_tokens', { max_tokens: 100 }, 'max_tokens'],
    ['max_completion_tokens', { max_completion_tokens: 300 }, 'max_completion_tokens'],
    ['both', { max_tokens: 100, max_completion_tokens: 300 }, 'max_completion_tokens'],
    ['both null', { max_tokens: null, max_completion_tokens: null }, undefined],
    ['max_tokens with a tool (the DTO pass)', { max_tokens: 100, tools: [] }, 'max_tokens'],
  ])('says which parameter set max_tokens when the client sent %s', (_case, fields, param) => {
    expect(validateChatRequest(chatRequest(fields)).maxTokensParam).toBe(param);
  });

  it('treats null optional fields as not given', () => {
    const nulls = Object.fromEntries(
      [
        'max_tokens',
        'temperature',
        'top_p',
        'stream',
        'stream_options',
        'tools',
        'tool_choice',
        'parallel_tool_calls',
        'response_format',
        'seed',
        'stop',
        'user',
        'presence_penalty',
        'frequency_penalty',
        'n',
      ].map((f) => [f, null]),
    );
    expect(validateChatRequest(chatRequest({ ...nulls, task_type: null }))).toEqual(validateChatRequest(chatRequest()));
  });

  it('drops unknown top-level fields, including __proto__ and constructor keys', () => {
    const body = JSON.parse(
      '{"model":"m","messages":[{"role":"user","content":"hi"}],"logprobs":true,"metadata":{"a":1},"__proto__":{"polluted":true},"constructor":{"prototype":{}}}',
    );
    const result = validateChatRequest(body);
    expect(result).toEqual({
      model: 'm',
      body: { messages: [{ role: 'user', content: 'hi' }], max_tokens: 4096, temperature: 0.7, stream: false },
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops unknown fields inside messages, content parts, tool calls and tools', () => {
    const result = validateChatRequest(
      chatRequest({
        messages: [
          {
            role: 'user',
            content: [{ type: 'text', text: 'hi', cache_control: { type: 'ephemeral' } }],
            audio: null,
          },
          {
            role: 'assistant',
            content: null,
            refusal: null,
            tool_calls: [
              { id: 'c1', type: 'function', index: 0, function: { name: 'get_weather', arguments: '{}', extra: 1 } },
            ],
          },
          { role: 'tool', tool_call_id: 'c1', content: 'sunny', name: 'get_weather' },
        ],
        tools: [{ ...weatherTool, cache_control: {}, function: { ...weatherTool.function, examples: [] } }],
      }),
    );
    expect(result.body.messages).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'c1', content: 'sunny', name: 'get_weather' },
    ]);
    expect(result.body.tools).toEqual([weatherTool]);
  });

  it('returns plain objects and leaves the input untouched', () => {
    const input = chatRequest({
      tools: [weatherTool],
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    });
    const snapshot = structuredClone(input);
    const { body } = validateChatRequest(input);
    expect(input).toEqual(snapshot);
    for (const value of [body, body.messages[0], body.tools?.[0], body.tools?.[0].function, body.tool_choice]) {
      expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    }
  });

  it('keeps stream_options only when streaming', () => {
    expect(
      validateChatRequest(chatRequest({ stream: true, stream_options: { include_usage: true } })).body.stream_options,
    ).toEqual({ include_usage: true });
    expect(validateChatRequest(chatRequest({ stream: true, stream_options: {} })).body.stream_options).toEqual({});
    expect(
      validateChatRequest(chatRequest({ stream: false, stream_options: { include_usage: true } })).body,
    ).not.toHaveProperty('stream_options');
  });

  it('keeps tool_choice and parallel_tool_calls with tools, and drops parallel_tool_calls and an empty tools list without', () => {
    const withTools = validateChatRequest(
      chatRequest({ tools: [weatherTool], tool_choice: 'required', parallel_tool_calls: false }),
    ).body;
    expect(withTools).toMatchObject({ tools: [weatherTool], tool_choice: 'required', parallel_tool_calls: false });
    const without = validateChatRequest(chatRequest({ tools: [], parallel_tool_calls: true })).body;
    expect(without).not.toHaveProperty('tools');
    expect(without).not.toHaveProperty('parallel_tool_calls');
  });

  it('accepts n = 1 and does not forward it', () => {
    expect(validateChatRequest(chatRequest({ n: 1 })).body).not.toHaveProperty('n');
  });

  it('forwards every sampling field it accepts', () => {
    const fields = {
      top_p: 0.9,
      seed: 7,
      stop: ['END'],
      user: 'u-1',
      presence_penalty: 0.5,
      frequency_penalty: -0.5,
      response_format: { type: 'json_object' },
    };
    expect(validateChatRequest(chatRequest(fields)).body).toMatchObject(fields);
  });
});
