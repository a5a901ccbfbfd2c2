import { InvalidRequestError } from '../errors/invalid-request.error';
import { chatRequest, rejectionOf, userMessage, weatherTool } from './dto/chat-request.fixtures';
import { validateChatRequest, validateChatRequestInSlices } from './validate-chat-request';

/** The request bodies shown in /work/shared/seeds/000_*.txt, cleaned of the page's token markup. */
const seed000 = {
  specifyModel: {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'You are a helpful assistant.' },
      { role: 'user', content: 'What is the capital of France?' },
    ],
    max_tokens: 100,
    temperature: 0.7,
  },
  smartRouting: {
    task_type: 'code_gen',
    messages: [{ role: 'user', content: 'Write a Python function that sorts a list' }],
    max_tokens: 500,
  },
  streaming: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Count to 5' }], stream: true },
};

/** The full example of /work/shared/seeds/001_*.txt with its `<string>` placeholders. */
function seed001(toolName: string): Record<string, unknown> {
  return {
    model: 'Qwen/Qwen2.5-32B-Instruct',
    messages: [{ role: 'system', content: '<string>', name: '<string>', tool_calls: [{}], tool_call_id: '<string>' }],
    stream: false,
    stream_options: { include_usage: true },
    temperature: 1,
    top_p: 0.5,
    max_tokens: 2,
    tools: [{ type: 'function', function: { name: toolName, description: '<string>', parameters: {} } }],
    tool_choice: 'none',
    response_format: { type: 'text' },
    seed: 123,
    stop: '<string>',
    user: '<string>',
  };
}

describe(validateChatRequest.name, () => {
  describe('seed examples', () => {
    it('accepts the 000 "specify model" example as sent', () => {
      expect(validateChatRequest(seed000.specifyModel)).toEqual({
        model: 'gpt-4o-mini',
        body: { messages: seed000.specifyModel.messages, max_tokens: 100, temperature: 0.7, stream: false },
        maxTokensParam: 'max_tokens',
      });
    });

    it('accepts the 000 "smart routing" example and routes by task type', () => {
      expect(validateChatRequest(seed000.smartRouting)).toEqual({
        task_type: 'code_gen',
        body: { messages: seed000.smartRouting.messages, max_tokens: 500, temperature: 0.7, stream: false },
        maxTokensParam: 'max_tokens',
      });
    });

    it('accepts the 000 streaming example with defaults filled in', () => {
      expect(validateChatRequest(seed000.streaming)).toEqual({
        model: 'gpt-4o-mini',
        body: { messages: seed000.streaming.messages, max_tokens: 4096, temperature: 0.7, stream: true },
      });
    });

    it('accepts the 001 full example once its tool has a real function name', () => {
      expect(validateChatRequest(seed001('get_weather'))).toEqual({
        model: 'Qwen/Qwen2.5-32B-Instruct',
        body: {
          // tool_calls/tool_call_id mean nothing on a system message and stream_options nothing without a stream: dropped
          messages: [{ role: 'system', content: '<string>', name: '<string>' }],
          stream: false,
          temperature: 1,
          top_p: 0.5,
          max_tokens: 2,
          tools: [{ type: 'function', function: { name: 'get_weather', description: '<string>', parameters: {} } }],
          tool_choice: 'none',
          response_format: { type: 'text' },
          seed: 123,
          stop: '<string>',
          user: '<string>',
        },
        maxTokensParam: 'max_tokens',
      });
    });

    it('rejects the 001 placeholder "<string>" as a function name (DESIGN §2 name rule)', () => {
      expect(rejectionOf(seed001('<string>'))).toEqual({
        param: 'tools[0].function.name',
        message: 'tools[0].function.name must be 1-64 letters, digits, underscores or dashes',
      });
    });
  });

  describe('normalized result', () => {
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
      expect(validateChatRequest(chatRequest({ ...nulls, task_type: null }))).toEqual(
        validateChatRequest(chatRequest()),
      );
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
});

describe(validateChatRequestInSlices.name, () => {
  /** 64 messages of 12 parts: the DTO pass, not the fast path. */
  const manyParts = chatRequest({
    messages: Array.from({ length: 64 }, () => ({
      role: 'user',
      content: Array.from({ length: 12 }, () => ({ type: 'text', text: 'hi' })),
    })),
  });

  /** Event-loop turns taken while `work` runs. */
  async function turnsDuring(work: Promise<unknown>): Promise<number> {
    let turns = 0;
    let done = false;
    void work.finally(() => (done = true)).catch(() => undefined);
    while (!done) {
      await new Promise((resolve) => setImmediate(resolve));
      turns++;
    }
    return turns;
  }

  it('gives the event loop back between messages once a slice is over, with the same result', async () => {
    const sliced = validateChatRequestInSlices(manyParts, 0); // every slice ends at once: a turn per message
    expect(await turnsDuring(sliced)).toBeGreaterThanOrEqual(64);
    expect(await sliced).toStrictEqual(validateChatRequest(manyParts));
  });

  it('rejects as validateChatRequest does, naming the same param', async () => {
    const broken = structuredClone(manyParts) as { messages: Array<{ content: Array<{ text: unknown }> }> };
    broken.messages[40].content[3].text = 5;
    await expect(validateChatRequestInSlices(broken, 0)).rejects.toMatchObject({
      constructor: InvalidRequestError,
      param: 'messages[40].content[3].text',
      message: 'messages[40].content[3].text must be a string',
    });
    expect(rejectionOf(broken)).toEqual({
      param: 'messages[40].content[3].text',
      message: 'messages[40].content[3].text must be a string',
    });
  });
});
