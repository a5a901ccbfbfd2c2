import { InvalidRequestError } from '../errors/invalid-request.error';
import { chatRequest, rejectionOf } from './dto/chat-request.fixtures';
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
