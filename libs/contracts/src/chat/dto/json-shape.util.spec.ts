import { validateChatRequest } from '../validate-chat-request';
import { chatRequest, rejectionOf } from './chat-request.fixtures';
import { CHAT_LIMITS } from './chat-request.constants';
import { findShapeViolation, pickRequestFields } from './json-shape.util';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = i % 2 ? [value] : { a: value };
  return value;
}

const schemaTool = (parameters: unknown) => ({ type: 'function', function: { name: 'f', parameters } });

describe(findShapeViolation.name, () => {
  it('accepts JSON nested to the limit', () => {
    // tools(1) > [0](2) > tool(3) > function(4) > parameters(5): the schema may add maxDepth - 5 levels
    const parameters = { deep: nested(CHAT_LIMITS.maxDepth - 5) };
    expect(
      validateChatRequest(chatRequest({ tools: [schemaTool(parameters)] })).body.tools?.[0].function.parameters,
    ).toBe(parameters);
  });

  it.each([
    ['a deep tool schema', { tools: [schemaTool({ deep: nested(CHAT_LIMITS.maxDepth) })] }, 'tools'],
    ['deeply nested messages', { messages: nested(100_000) }, 'messages'],
  ])('rejects %s before any DTO work', (_case, fields, param) => {
    expect(rejectionOf(chatRequest(fields))).toEqual({
      param,
      message: `${param} is nested too deeply (at most 64 levels)`,
    });
  });

  it('rejects a body holding more JSON values than the budget', () => {
    const messages = Array.from({ length: CHAT_LIMITS.maxJsonValues }, () => ({}));
    expect(rejectionOf(chatRequest({ messages }))).toEqual({
      param: 'messages',
      message: 'messages is too large: a request may hold at most 250000 JSON values',
    });
  });

  it('ignores unknown top-level fields however big or deep', () => {
    const body = chatRequest({ metadata: nested(100_000), logit_bias: Array(300_000).fill(0) });
    expect(findShapeViolation(pickRequestFields(body))).toBeUndefined();
    expect(validateChatRequest(body).body).not.toHaveProperty('metadata');
  });
});

describe(pickRequestFields.name, () => {
  it('keeps only own, known fields', () => {
    const body = Object.assign(Object.create({ temperature: 1 }) as Record<string, unknown>, { model: 'm', foo: 1 });
    expect(pickRequestFields(body)).toEqual({ model: 'm' });
  });
});
