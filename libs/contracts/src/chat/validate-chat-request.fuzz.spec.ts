import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { InvalidRequestError } from '../errors/invalid-request.error';
import { CreateChatCompletionDto } from './dto/create-chat-completion.dto';
import { isJsonObject } from './dto/dto-fields.util';
import { findShapeViolation, pickRequestFields } from './dto/json-shape.util';
import { toValidatedChatRequest } from './dto/to-validated-chat-request.util';
import { TRANSFORM_OPTIONS, VALIDATOR_OPTIONS } from './dto/validation-options.constants';
import { firstViolation } from './dto/validators/first-violation.util';
import { validateChatRequest, validateChatRequestInSlices, validateWithDtos } from './validate-chat-request';

/** Deterministic PRNG (mulberry32) so a failing case reproduces. */
function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'model',
  'task_type',
  'messages',
  'role',
  'content',
  'type',
  'text',
  'image_url',
  'url',
  'detail',
  'name',
  'tool_calls',
  'tool_call_id',
  'id',
  'function',
  'arguments',
  'tools',
  'parameters',
  'tool_choice',
  'stream',
  'stream_options',
  'include_usage',
  'response_format',
  'json_schema',
  'schema',
  'stop',
  'n',
  'max_tokens',
  'temperature',
];
const STRINGS = [
  '',
  'user',
  'assistant',
  'tool',
  'system',
  'developer',
  'text',
  'image_url',
  'function',
  'auto',
  'none',
  'required',
  'json_schema',
  'code_gen',
  'gpt-4o-mini',
  '__proto__',
  'constructor',
  'https://x.test/a.png',
  'data:,',
  'a b',
  '\u0000',
  '😀'.repeat(3),
];
const NUMBERS = [0, -0, 1, -1, 0.5, 2, 2.5, 4096, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 1e-300];

/** Sets own properties even for `__proto__`, as JSON.parse does. */
function own(entries: Array<[string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

function randomJson(random: () => number, depth: number): unknown {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const kind = depth <= 0 ? Math.floor(random() * 4) : Math.floor(random() * 6);
  if (kind === 0) return null;
  if (kind === 1) return random() < 0.5;
  if (kind === 2) return pick(NUMBERS);
  if (kind === 3) return pick(STRINGS);
  const size = Math.floor(random() * 5);
  if (kind === 4) return Array.from({ length: size }, () => randomJson(random, depth - 1));
  return own(Array.from({ length: size }, () => [pick(KEYS), randomJson(random, depth - 1)]));
}

const validRequest = () => ({
  model: 'gpt-4o-mini',
  messages: [
    { role: 'system', content: 'Be brief.' },
    {
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image_url', image_url: { url: 'https://x.test/a.png', detail: 'low' } },
      ],
    },
    {
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'c1', type: 'function', function: { name: 'look', arguments: '{}' } }],
    },
    { role: 'tool', tool_call_id: 'c1', content: 'a cat' },
  ],
  tools: [{ type: 'function', function: { name: 'look', parameters: { type: 'object' } } }],
  tool_choice: { type: 'function', function: { name: 'look' } },
  response_format: { type: 'json_schema', json_schema: { name: 'out', schema: {} } },
  stream: true,
  stream_options: { include_usage: true },
  stop: ['x'],
});

/** Replaces, removes or wraps one value somewhere inside `root`. */
function mutate(root: Record<string, unknown>, random: () => number): void {
  let node: unknown = root;
  for (;;) {
    const keys = node && typeof node === 'object' ? Object.keys(node) : [];
    if (keys.length === 0) return;
    const key = keys[Math.floor(random() * keys.length)];
    const container = node as Record<string, unknown>;
    const child = container[key];
    if (child && typeof child === 'object' && random() < 0.6) {
      node = child;
      continue;
    }
    const action = random();
    if (action < 0.2) delete container[key];
    else if (action < 0.3) container[key] = [child];
    else container[key] = randomJson(random, 3);
    return;
  }
}

const FALLBACK = 'The request body could not be validated.';

/** Undefined for success or an InvalidRequestError from a rule; otherwise what went wrong. */
function unexpectedOutcome(body: unknown): string | undefined {
  try {
    const result = validateChatRequest(body);
    if (result.body.messages.length === 0) return 'accepted without messages';
    JSON.stringify(result);
    return undefined;
  } catch (err) {
    if (!(err instanceof InvalidRequestError)) return `threw ${String(err)}`;
    if (err.message === FALLBACK) return 'hit the catch-all';
    if (err.param !== undefined && typeof err.param !== 'string') return 'param is not a string';
    return undefined;
  }
}

/** Runs `count` bodies and lists the unexpected outcomes with the body that caused them. */
function fuzz(count: number, makeBody: () => unknown): string[] {
  const problems: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const body = makeBody();
    const problem = unexpectedOutcome(body);
    if (problem) problems.push(`${problem}: ${JSON.stringify(body)?.slice(0, 500)}`);
  }
  return problems;
}

/** The DTO pass as one validateSync over the whole body: what the message-by-message pass must agree with. */
function oneValidateSync(body: unknown): unknown {
  if (!isJsonObject(body)) return new InvalidRequestError('The request body must be a JSON object.');
  const fields = pickRequestFields(body);
  const shapeViolation = findShapeViolation(fields);
  if (shapeViolation) return new InvalidRequestError(shapeViolation.message, shapeViolation.param);
  const dto = plainToInstance(CreateChatCompletionDto, fields, TRANSFORM_OPTIONS);
  const violation = firstViolation(validateSync(dto, VALIDATOR_OPTIONS));
  return violation ? new InvalidRequestError(violation.message, violation.param) : toValidatedChatRequest(dto);
}

const outcome = (validate: () => unknown): unknown => {
  try {
    return validate();
  } catch (err) {
    return err;
  }
};
const described = (result: unknown) =>
  result instanceof InvalidRequestError ? { param: result.param, message: result.message } : result;

describe(`${validateChatRequest.name} under fuzzing`, () => {
  afterAll(() => {
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });

  it('answers random JSON values with success or an InvalidRequestError', () => {
    const random = prng(1);
    expect(fuzz(2000, () => randomJson(random, 5))).toEqual([]);
  });

  it('answers random top-level objects with success or an InvalidRequestError', () => {
    const random = prng(2);
    expect(fuzz(2000, () => own(KEYS.filter(() => random() < 0.3).map((key) => [key, randomJson(random, 4)])))).toEqual(
      [],
    );
  });

  it('answers mutations of a valid request with success or an InvalidRequestError', () => {
    expect(() => validateChatRequest(validRequest())).not.toThrow();
    const random = prng(3);
    const mutated = (): unknown => {
      const body = validRequest();
      for (let m = 1 + Math.floor(random() * 3); m > 0; m -= 1) mutate(body, random);
      return body;
    };
    expect(fuzz(2000, mutated)).toEqual([]);
  });

  it('validates message by message exactly as one validateSync over the whole body does, in slices too', async () => {
    const random = prng(4);
    const bodies = Array.from({ length: 1000 }, () => {
      const body = validRequest();
      // More messages, so violations land before, inside and after them in many places.
      body.messages.push(...validRequest().messages, ...validRequest().messages);
      for (let m = 1 + Math.floor(random() * 3); m > 0; m -= 1) mutate(body, random);
      // As JSON.parse gives it, the gateway's only input: class-transformer drops an array's holes
      // (which JSON cannot express), the list rule refuses them.
      return JSON.parse(JSON.stringify(body)) as unknown;
    });
    for (const body of bodies) {
      const expected = described(outcome(() => oneValidateSync(body)));
      expect(described(outcome(() => validateWithDtos(body)))).toStrictEqual(expected);
      const sliced = await validateChatRequestInSlices(body, 0).catch((err: unknown) => err);
      expect(described(sliced)).toStrictEqual(described(outcome(() => validateChatRequest(body))));
    }
  });

  it.each([
    [
      'a prototype-less body',
      Object.assign(Object.create(null) as object, { model: 'm', messages: [{ role: 'user', content: 'x' }] }),
    ],
    [
      'prototype-less messages',
      { model: 'm', messages: [Object.assign(Object.create(null) as object, { role: 'user', content: 'x' })] },
    ],
    [
      '__proto__ and constructor keys everywhere',
      JSON.parse(
        '{"model":"m","__proto__":{"role":"x"},"messages":[{"role":"user","content":[{"type":"text","text":"x","constructor":{"a":1}}],"__proto__":[],"constructor":1}],"tools":[{"type":"function","constructor":"x","function":{"name":"f","constructor":{},"parameters":{"constructor":{"__proto__":{}}}}}]}',
      ),
    ],
    ['a million messages', { model: 'm', messages: Array(1_000_000).fill({ role: 'user', content: 'x' }) }],
    [
      'a million content parts',
      { model: 'm', messages: [{ role: 'user', content: Array(1_000_000).fill({ type: 'text', text: 'x' }) }] },
    ],
    [
      'a million stop sequences',
      { model: 'm', messages: [{ role: 'user', content: 'x' }], stop: Array(1_000_000).fill('x') },
    ],
    [
      'an array nested 200,000 deep',
      {
        model: 'm',
        messages: [{ role: 'user', content: 'x' }],
        tools: JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`),
      },
    ],
    ['a 5 MB string', { model: 'm', messages: [{ role: 'user', content: 'x'.repeat(5_000_000) }] }],
  ])('answers %s with success or an InvalidRequestError', (_case, body) => {
    expect(unexpectedOutcome(body)).toBeUndefined();
  });
});
