/** Random and mutated request bodies for the chat-request fuzz spec, reproducible from a seed. */
/** Deterministic PRNG (mulberry32) so a failing case reproduces. */
export function prng(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const KEYS = [
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
export function own(entries: Array<[string, unknown]>): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries)
    Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
  return object;
}

export function randomJson(random: () => number, depth: number): unknown {
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

export const validRequest = () => ({
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
export function mutate(root: Record<string, unknown>, random: () => number): void {
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
