import type { ChatCompletionChunk } from '@switchyard/contracts';
import type { SimulatedResult } from './simulated.types';
import { toChunks, toCompletion, toUsageChunk } from './simulated-wire.util';

const usage = { prompt_tokens: 10, completion_tokens: 9, total_tokens: 19 };
const text: SimulatedResult = {
  id: 'chatcmpl-sim1',
  model: 'sim-core',
  content: 'One two three four five six seven.',
  toolCalls: [],
  finishReason: 'stop',
  usage,
};
const tool: SimulatedResult = {
  id: 'chatcmpl-sim2',
  model: 'sim-core',
  content: null,
  toolCalls: [
    {
      id: 'call_abc',
      type: 'function',
      function: { name: 'get_weather', arguments: '{"city":"Paris","unit":"celsius","days":3}' },
    },
  ],
  finishReason: 'tool_calls',
  usage,
};
const deltas = (chunks: ChatCompletionChunk[]) => chunks.map((c) => c.choices[0].delta);

describe(toChunks.name, () => {
  it('streams text in pieces whose concatenation is the content, role first and finish_reason last', () => {
    const chunks = toChunks(text, 2, 1700000000);
    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'One two' },
      { content: ' three four' },
      { content: ' five six' },
      { content: ' seven.' },
      {},
    ]);
    expect(chunks.map((c) => c.choices[0].finish_reason)).toEqual([null, null, null, null, null, 'stop']);
    expect(
      chunks.every(
        (c) =>
          c.id === 'chatcmpl-sim1' &&
          c.object === 'chat.completion.chunk' &&
          c.created === 1700000000 &&
          c.model === 'sim-core',
      ),
    ).toBe(true);
  });

  it('keeps every character, whitespace included', () => {
    const odd = { ...text, content: '  leading\nand  double  spaces\n' };
    expect(
      deltas(toChunks(odd, 3))
        .map((d) => d.content ?? '')
        .join(''),
    ).toBe(odd.content);
  });

  it('streams a tool call as an opening piece with id and name, then argument fragments', () => {
    const chunks = toChunks(tool, 2);
    const [first, ...rest] = deltas(chunks);
    expect(first).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [{ index: 0, id: 'call_abc', type: 'function', function: { name: 'get_weather', arguments: '' } }],
    });
    const fragments = rest.slice(0, -1).map((d) => d.tool_calls![0]);
    expect(fragments.length).toBeGreaterThan(1);
    expect(fragments.every((f) => f.index === 0 && f.id === undefined && f.function?.name === undefined)).toBe(true);
    expect(fragments.map((f) => f.function!.arguments).join('')).toBe(tool.toolCalls[0].function.arguments);
    expect(chunks.at(-1)!.choices[0]).toMatchObject({ delta: {}, finish_reason: 'tool_calls' });
  });
});

describe(toUsageChunk.name, () => {
  it('carries only usage, with no choices', () => {
    expect(toUsageChunk(text, 5)).toEqual({
      id: 'chatcmpl-sim1',
      object: 'chat.completion.chunk',
      created: 5,
      model: 'sim-core',
      choices: [],
      usage,
    });
  });
});

describe(toCompletion.name, () => {
  it('builds a chat.completion with tool calls only when there are some', () => {
    expect(toCompletion(text, 5)).toEqual({
      id: 'chatcmpl-sim1',
      object: 'chat.completion',
      created: 5,
      model: 'sim-core',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: text.content, refusal: null },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage,
    });
    expect(toCompletion(tool, 5).choices[0].message).toEqual({
      role: 'assistant',
      content: null,
      refusal: null,
      tool_calls: tool.toolCalls,
    });
  });
});
