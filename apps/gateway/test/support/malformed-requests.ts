import { gzipSync } from 'node:zlib';

/** One generated request: body bytes, headers and a category for failure messages. */
export interface MalformedRequest {
  category: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

/** Deterministic PRNG (mulberry32), so a failing case can be replayed from its index. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALID_MESSAGES = [{ role: 'user', content: 'hello' }];
const WRONG_VALUES: unknown[] = [
  null,
  true,
  false,
  0,
  -1,
  1.5,
  1e308,
  '',
  'x',
  '10',
  [],
  [1, 'a'],
  {},
  { a: 1 },
  -0,
  'NaN',
];
const FIELDS = [
  'model',
  'task_type',
  'messages',
  'max_tokens',
  'max_completion_tokens',
  'temperature',
  'top_p',
  'stream',
  'stream_options',
  'tools',
  'tool_choice',
  'response_format',
  'seed',
  'stop',
  'user',
  'n',
  'presence_penalty',
  'frequency_penalty',
  'parallel_tool_calls',
];

/** Deeply nested JSON as text (JSON.stringify itself would overflow the stack at these depths). */
function nested(depth: number, leaf: string, asArray: boolean): string {
  return asArray
    ? `${'['.repeat(depth)}${leaf}${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}${leaf}${'}'.repeat(depth)}`;
}

/**
 * Requests no valid client would send, in eight families. Every one is invalid on purpose (a
 * broken field is always present), so the only right answer is a 4xx in OpenAI's error shape.
 */
export function malformedRequest(index: number, apiKey: string, bodyLimitBytes: number): MalformedRequest {
  const rand = prng(index + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  const auth = { authorization: `Bearer ${apiKey}` };
  const json = (category: string, value: unknown, headers: Record<string, string> = {}): MalformedRequest => ({
    category,
    method: 'POST',
    path: '/v1/chat/completions',
    headers: { ...auth, 'content-type': 'application/json', ...headers },
    body: Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)),
  });
  const family = index % 8;
  switch (family) {
    case 0: {
      // Bad JSON: truncated, garbage, JS-isms.
      const valid = JSON.stringify({ model: 'gpt-4o-mini', messages: VALID_MESSAGES });
      const broken = pick([
        valid.slice(0, Math.floor(rand() * valid.length)),
        `${valid},`,
        valid.replace(/"/g, "'"),
        '{model: gpt-4o-mini}',
        '{"a":1,}',
        'nul',
        '\u0000\u0001\u0002',
        Buffer.from(Array.from({ length: 64 }, () => Math.floor(rand() * 256))).toString('latin1'),
        '{"messages":[{"role":"user","content":"hi"}]}}',
        '[',
      ]);
      return json('bad-json', broken.length > 0 ? broken : '{');
    }
    case 1: {
      // Wrong types in one field (the others valid).
      const field = pick(FIELDS);
      const value = pick(WRONG_VALUES.filter((v) => !(field === 'stream' && typeof v === 'boolean')));
      const body: Record<string, unknown> = { model: 'gpt-4o-mini', messages: VALID_MESSAGES, [field]: value };
      if (field === 'task_type') delete body.model; // exactly one of model / task_type: the odd one stays
      // Some draws are valid for their field (null, 0…): a second field that is never valid keeps the request broken.
      body[field === 'temperature' ? 'top_p' : 'temperature'] = 99;
      return json('wrong-types', body);
    }
    case 2: {
      // Huge strings: past the body limit (413) or inside it, in fields with a length limit or none.
      const over = rand() < 0.2;
      const size = over ? bodyLimitBytes + 1024 : Math.floor(bodyLimitBytes / 4);
      const big = 'x'.repeat(size);
      const body = pick([
        { model: big, messages: VALID_MESSAGES },
        { model: 'gpt-4o-mini', messages: VALID_MESSAGES, user: big },
        { model: 'gpt-4o-mini', messages: [{ role: big, content: 'hi' }] },
        { model: 'gpt-4o-mini', messages: VALID_MESSAGES, stop: [big], temperature: -1 },
        { task_type: big, messages: VALID_MESSAGES },
      ]);
      return json('huge-strings', body);
    }
    case 3: {
      // Deep nesting, where an object or content array is expected.
      const depth = pick([64, 512, 2_000, 10_000]);
      const head = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]';
      const body = pick([
        `{"model":"gpt-4o-mini","messages":[{"role":"user","content":${nested(depth, '"hi"', true)}}]}`,
        `{"model":"gpt-4o-mini","messages":${nested(depth, '{"role":"user","content":"hi"}', true)}}`,
        `${head},"tools":[{"type":"function","function":${nested(depth, '1', false)}}]}`,
        `${head},"response_format":${nested(depth, '"json"', false)}}`,
        `${head},"stream_options":${nested(depth, 'true', false)},"temperature":7}`,
      ]);
      return json('deep-nesting', body);
    }
    case 4: {
      // Prototype pollution attempts (raw text: JSON.stringify would drop a real __proto__ key).
      const raw = pick([
        '{"__proto__":{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]}}',
        '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi","__proto__":{"role":"admin"}}],"temperature":"x"}',
        '{"constructor":{"prototype":{"isAdmin":true}},"messages":"x"}',
        '{"model":"gpt-4o-mini","messages":{"__proto__":[]}}',
        '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}],"tools":[{"type":"function","function":{"name":"f","__proto__":{"name":"bad name"}}}],"n":3}',
        '{"__proto__":null,"model":{"__proto__":"gpt-4o-mini"},"messages":[]}',
      ]);
      return json('proto-keys', raw);
    }
    case 5: {
      // Invalid UTF-8 inside otherwise broken JSON.
      const bad = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xe2, 0x28, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]);
      const parts = pick([
        [Buffer.from('{"model":"'), bad, Buffer.from('","messages":[]}')],
        [Buffer.from('{"model":"gpt-4o-mini","messages":[{"role":"'), bad, Buffer.from('","content":"hi"}]}')],
        [
          Buffer.from('{"model":"gpt-4o-mini","messages":[{"role":"user","content":"'),
          bad,
          Buffer.from('"}],"max_tokens":0}'),
        ],
        [bad, Buffer.from('{}')],
      ]);
      return { ...json('invalid-utf8', ''), body: Buffer.concat(parts) };
    }
    case 6: {
      // Wrong content types and encodings for a body that would otherwise be valid.
      const body = Buffer.from(JSON.stringify({ model: 'gpt-4o-mini', messages: VALID_MESSAGES }));
      const variant: Record<string, string> = pick<Record<string, string>>([
        { 'content-type': 'text/plain' },
        { 'content-type': 'application/x-www-form-urlencoded' },
        { 'content-type': 'multipart/form-data; boundary=x' },
        { 'content-type': 'application/xml' },
        { 'content-type': 'application/json; charset=klingon' },
        { 'content-type': 'application/json', 'content-encoding': 'gzip' },
        { 'content-type': 'application/json', 'content-encoding': 'br-unknown' },
        {},
      ]);
      const gz = variant['content-encoding'] === 'gzip' ? gzipSync(Buffer.from('{"model":')) : body;
      return {
        category: 'content-type',
        method: 'POST',
        path: '/v1/chat/completions',
        headers: { ...auth, ...variant },
        body: gz,
      };
    }
    default: {
      // Wrong auth, methods and paths.
      return pick<MalformedRequest>([
        {
          ...json('auth', { model: 'gpt-4o-mini', messages: VALID_MESSAGES }),
          headers: { authorization: 'Bearer sy_live_garbage', 'content-type': 'application/json' },
        },
        {
          ...json('auth', { model: 'gpt-4o-mini', messages: VALID_MESSAGES }),
          headers: { authorization: `Basic ${apiKey}`, 'content-type': 'application/json' },
        },
        { category: 'method', method: 'GET', path: '/v1/chat/completions', headers: auth },
        {
          category: 'method',
          method: 'PUT',
          path: '/v1/chat/completions',
          headers: { ...auth, 'content-type': 'application/json' },
          body: Buffer.from('{}'),
        },
        { category: 'path', method: 'GET', path: `/v1/models/${encodeURIComponent('%'.repeat(50))}`, headers: auth },
        { category: 'path', method: 'GET', path: '/v1/../../etc/passwd', headers: auth },
        { category: 'path', method: 'POST', path: '/v1/chat/completions/extra', headers: auth },
      ]);
    }
  }
}
