import { InvalidRequestError } from '../errors/invalid-request.error';
import { fastValidChatRequest } from './fast-chat-request.util';
import { validateWithDtos } from './validate-chat-request';

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

const MISSING = Symbol('missing');
const SCALARS: unknown[] = [
  MISSING,
  MISSING,
  MISSING,
  null,
  true,
  false,
  0,
  -0,
  1,
  0.5,
  1.5,
  2,
  2.5,
  -1,
  -2,
  -2.5,
  4096,
  1e308,
  Number.MAX_SAFE_INTEGER,
  Number.MAX_SAFE_INTEGER + 2,
  '',
  '1',
  'x'.repeat(256),
  'x'.repeat(257),
  '😀'.repeat(200),
  [],
  {},
];
const MODELS: unknown[] = [MISSING, null, '', 'gpt-4o-mini', 'x'.repeat(256), 'x'.repeat(257), 7, ['gpt-4o-mini']];
const TASK_TYPES: unknown[] = [MISSING, MISSING, null, '', 'code_gen', 'chat', 'not-a-task', 3];
const ROLES: unknown[] = ['system', 'developer', 'user', 'assistant', 'tool', 'robot', '', null, 1];
const CONTENTS: unknown[] = [
  'Hello',
  '',
  'x'.repeat(10_000),
  null,
  MISSING,
  [{ type: 'text', text: 'hi' }],
  [],
  5,
  { text: 'hi' },
];
const MESSAGE_EXTRAS: [string, unknown][] = [
  ['name', 'bob'],
  ['name', null],
  ['tool_calls', null],
  ['tool_call_id', 'c1'],
  ['weight', 3],
  ['__proto__', { role: 'user' }],
];
const UNCOMMON: [string, unknown][] = [
  ['stop', 'x'],
  ['stop', null],
  ['tools', []],
  ['tool_choice', 'auto'],
  ['parallel_tool_calls', true],
  ['response_format', { type: 'text' }],
  ['stream_options', { include_usage: true }],
  ['metadata', { a: 1 }],
];
/** Each option with values it accepts; SCALARS adds the ones it does not. */
const OPTIONS: Record<string, unknown[]> = {
  max_tokens: [1, 64, 4096, Number.MAX_SAFE_INTEGER, null],
  max_completion_tokens: [1, 128, null],
  temperature: [0, -0, 0.2, 1, 2, null],
  top_p: [0, 0.9, 1, null],
  stream: [true, false, null],
  seed: [0, -5, 42, Number.MIN_SAFE_INTEGER, null],
  user: ['', 'u-1', 'x'.repeat(256), null],
  presence_penalty: [-2, 0, 1.5, 2, null],
  frequency_penalty: [-2, 0, 0.5, null],
  n: [1, null],
};

/** Sets own properties even for `__proto__`, as JSON.parse does. */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (value !== MISSING)
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A body near the common shape: mostly valid, with each part sometimes wrong or uncommon. */
function nearCommonBody(random: () => number): Record<string, unknown> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const body: Record<string, unknown> = {};
  setOwn(body, 'model', random() < 0.7 ? 'gpt-4o-mini' : pick(MODELS));
  setOwn(body, 'task_type', random() < 0.7 ? MISSING : pick(TASK_TYPES));
  const messages = Array.from({ length: random() < 0.05 ? 0 : 1 + Math.floor(random() * 4) }, () => {
    const message: Record<string, unknown> = {};
    setOwn(message, 'role', random() < 0.9 ? pick(['system', 'user', 'assistant']) : pick(ROLES));
    setOwn(message, 'content', random() < 0.9 ? 'Hello there' : pick(CONTENTS));
    if (random() < 0.05) setOwn(message, ...pick(MESSAGE_EXTRAS));
    return message;
  });
  setOwn(body, 'messages', random() < 0.95 ? messages : pick([null, {}, 'hi', [1]]));
  for (const [option, valid] of Object.entries(OPTIONS))
    if (random() < 0.3) setOwn(body, option, random() < 0.7 ? pick(valid) : pick(SCALARS));
  if (random() < 0.1) setOwn(body, ...pick(UNCOMMON));
  return body;
}

/** What the DTO pass says: the request, or the rejection. */
function viaDtos(body: unknown): unknown {
  try {
    return validateWithDtos(body);
  } catch (err) {
    if (err instanceof InvalidRequestError) return err;
    throw err;
  }
}

describe('fastValidChatRequest', () => {
  it('takes the common request and returns what the DTO pass returns', () => {
    const common = {
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello' },
      ],
      max_tokens: 64,
      temperature: 0.2,
      stream: true,
      seed: 7,
      user: 'u-1',
    };
    const fast = fastValidChatRequest(common);
    expect(fast).toBeDefined();
    expect(fast).toStrictEqual(validateWithDtos(common));
    const byTask = { model: '', task_type: 'code_gen', messages: [{ role: 'user', content: 'Sort a list' }] };
    expect(fastValidChatRequest(byTask)).toStrictEqual(validateWithDtos(byTask));
  });

  it.each([
    ['tools', { tools: [{ type: 'function', function: { name: 'f' } }] }],
    ['content parts', { messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }] }],
    ['a tool message', { messages: [{ role: 'tool', tool_call_id: 'c1', content: 'ok' }] }],
    ['a named message', { messages: [{ role: 'user', name: 'bob', content: 'hi' }] }],
    ['stop sequences', { stop: ['x'] }],
    ['an invalid temperature', { temperature: 3 }],
    ['both model and task_type', { task_type: 'code_gen' }],
  ])('leaves %s to the DTOs', (_case, overrides) => {
    expect(
      fastValidChatRequest({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }], ...overrides }),
    ).toBeUndefined();
  });

  it('agrees with the DTO pass on 20,000 bodies near the common shape, whenever it answers', () => {
    const random = prng(20261122);
    let answered = 0;
    for (let i = 0; i < 20_000; i++) {
      const body = nearCommonBody(random);
      const fast = fastValidChatRequest(body);
      if (fast === undefined) continue;
      answered++;
      const dto = viaDtos(body);
      if (!(dto && typeof dto === 'object' && 'body' in dto))
        throw new Error(`fast path accepted a body the DTOs reject (#${i}): ${JSON.stringify(body)} → ${String(dto)}`);
      expect(fast).toStrictEqual(dto);
    }
    // The generator must exercise the fast path, not only its refusals.
    expect(answered).toBeGreaterThan(2_000);
  });
});
