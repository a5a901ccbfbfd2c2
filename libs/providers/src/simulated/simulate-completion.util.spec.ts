import type { ChatRequestBody, ToolDefinition } from '@switchyard/contracts';
import { countChatPromptTokens, countTextTokens } from '@switchyard/tokenizer';
import { simulateCompletion } from './simulate-completion.util';
import { schemaViolations } from './schema-violations.test-util';

const weatherParameters = {
  type: 'object',
  properties: {
    city: { type: 'string' },
    unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
    days: { type: 'integer', minimum: 1, maximum: 7 },
  },
  required: ['city', 'days'],
  additionalProperties: false,
};
const tools: ToolDefinition[] = [
  {
    type: 'function',
    function: { name: 'get_weather', description: 'Current weather', parameters: weatherParameters },
  },
  {
    type: 'function',
    function: {
      name: 'search_web',
      parameters: { type: 'object', properties: { query: { type: 'string' } }, required: ['query'] },
    },
  },
];
const ask = (content: string, extra: Partial<ChatRequestBody> = {}): ChatRequestBody => ({
  model: 'sim-core',
  messages: [{ role: 'user', content }],
  ...extra,
});

describe(simulateCompletion.name, () => {
  it('answers the same request identically', () => {
    const body = ask('Summarise the plot of Hamlet in two sentences.', { seed: 7 });
    expect(simulateCompletion(body)).toEqual(simulateCompletion(structuredClone(body)));
  });

  it('answers differently for a different seed, model or question', () => {
    const base = simulateCompletion(ask('Tell me about rivers.', { seed: 1 })).content;
    expect(simulateCompletion(ask('Tell me about rivers.', { seed: 2 })).content).not.toBe(base);
    expect(simulateCompletion(ask('Tell me about rivers.', { seed: 1, model: 'sim-pro' })).content).not.toBe(base);
    expect(simulateCompletion(ask('Tell me about lakes.', { seed: 1 })).content).not.toBe(base);
  });

  it('answers in a few sentences that name the question, with finish_reason stop', () => {
    const result = simulateCompletion(ask('What is a switchyard?'));
    expect(result.content).toMatch(
      /^You asked about "What is a switchyard\?"\. (?:[A-Z][a-z]+(?: [a-z]+){5,11}\. ?){2,4}$/,
    );
    expect(result).toMatchObject({ finishReason: 'stop', toolCalls: [], model: 'sim-core' });
    expect(result.id).toMatch(/^chatcmpl-sim[0-9a-f]{24}$/);
  });

  it('reports real token counts: prompt from the chat counter, completion from the content', () => {
    const body = ask('Count my tokens, please.', { tools });
    const result = simulateCompletion({ ...body, tool_choice: 'none' });
    expect(result.usage).toEqual({
      prompt_tokens: countChatPromptTokens(body.messages, tools),
      completion_tokens: countTextTokens(result.content!),
      total_tokens: countChatPromptTokens(body.messages, tools) + countTextTokens(result.content!),
    });
  });

  it('stops at max_tokens with finish_reason length', () => {
    const full = simulateCompletion(ask('Explain tokenisers.'));
    const cut = simulateCompletion(ask('Explain tokenisers.', { max_tokens: 5 }));
    expect(cut.finishReason).toBe('length');
    expect(cut.usage.completion_tokens).toBe(5);
    expect(countTextTokens(cut.content!)).toBe(5);
    expect(full.content!.startsWith(cut.content!)).toBe(true);
  });

  it('keeps finish_reason stop when the answer fits max_tokens', () => {
    expect(simulateCompletion(ask('Explain tokenisers.', { max_tokens: 4096 })).finishReason).toBe('stop');
  });

  it('ends the answer before a stop sequence', () => {
    const full = simulateCompletion(ask('Explain tokenisers.')).content!;
    const cut = simulateCompletion(ask('Explain tokenisers.', { stop: ['".'] })).content!;
    expect(cut).toBe(full.slice(0, full.indexOf('".')));
  });

  it.each([
    ['auto after a user message', 'auto' as const],
    ['required', 'required' as const],
  ])('calls one tool with schema-valid arguments when tool_choice is %s', (_name, toolChoice) => {
    const result = simulateCompletion(ask('Weather in Oslo for the weekend?', { tools, tool_choice: toolChoice }));
    expect(result).toMatchObject({ content: null, finishReason: 'tool_calls' });
    expect(result.toolCalls).toHaveLength(1);
    const [call] = result.toolCalls;
    expect(call.id).toMatch(/^call_[0-9a-f]{24}$/);
    const schema = tools.find((t) => t.function.name === call.function.name)!.function.parameters!;
    expect(schemaViolations(JSON.parse(call.function.arguments), schema)).toEqual([]);
    expect(result.usage.completion_tokens).toBe(
      countTextTokens(call.function.name) + countTextTokens(call.function.arguments),
    );
  });

  it('calls the named function when tool_choice names one', () => {
    for (let seed = 0; seed < 10; seed++) {
      const result = simulateCompletion(
        ask('Anything', { tools, seed, tool_choice: { type: 'function', function: { name: 'search_web' } } }),
      );
      expect(result.toolCalls[0].function.name).toBe('search_web');
      expect(JSON.parse(result.toolCalls[0].function.arguments)).toEqual({ query: 'Anything' });
    }
  });

  it('answers in text when tool_choice is none', () => {
    expect(simulateCompletion(ask('Weather?', { tools, tool_choice: 'none' }))).toMatchObject({
      finishReason: 'stop',
      toolCalls: [],
    });
  });

  it('answers in text after a tool result, mentioning it', () => {
    const call = simulateCompletion(
      ask('Weather in Oslo?', { tools, tool_choice: { type: 'function', function: { name: 'get_weather' } } }),
    ).toolCalls[0];
    const result = simulateCompletion({
      model: 'sim-core',
      tools,
      messages: [
        { role: 'user', content: 'Weather in Oslo?' },
        { role: 'assistant', content: null, tool_calls: [call] },
        { role: 'tool', tool_call_id: call.id, content: '{"temperature_c": 4, "sky": "overcast"}' },
      ],
    });
    expect(result.finishReason).toBe('stop');
    expect(result.content).toMatch(/^The get_weather tool returned \{"temperature_c": 4, "sky": "overcast"\}\. /);
  });

  it('answers with a JSON object for response_format json_object', () => {
    const result = simulateCompletion(ask('Give me JSON', { response_format: { type: 'json_object' } }));
    const parsed: unknown = JSON.parse(result.content!);
    expect(parsed).toEqual({ answer: expect.any(String), topic: 'Give me JSON', confidence: expect.any(Number) });
  });

  it('answers with JSON satisfying the schema for response_format json_schema', () => {
    const schema = {
      type: 'object',
      properties: {
        title: { type: 'string' },
        rating: { type: 'integer', minimum: 1, maximum: 5 },
        tags: { type: 'array', items: { type: 'string' } },
        spoiler: { type: 'boolean' },
      },
      required: ['title', 'rating', 'tags', 'spoiler'],
      additionalProperties: false,
    };
    for (let seed = 0; seed < 20; seed++) {
      const result = simulateCompletion(
        ask('Review a film', {
          seed,
          response_format: { type: 'json_schema', json_schema: { name: 'review', schema, strict: true } },
        }),
      );
      expect(schemaViolations(JSON.parse(result.content!), schema)).toEqual([]);
    }
  });

  it('counts image parts without failing', () => {
    const result = simulateCompletion({
      model: 'sim-pro',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe this' },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
          ],
        },
      ],
    });
    expect(result.content).toMatch(/^You asked about "Describe this"/);
    expect(result.usage.prompt_tokens).toBeGreaterThan(85);
  });
});
