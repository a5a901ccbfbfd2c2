import { prng } from './malformed-requests';

const VALID = { model: 'sim-embed', input: ['hello', 'world'], encoding_format: 'float' };
const ODD_VALUES: readonly unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 53,
  1e308,
  '',
  ' ',
  'sim-embed',
  'sim-pro',
  'float',
  'base64',
  '\u0000',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ✓',
  'x'.repeat(5000),
  [],
  [[]],
  [''],
  [1, 'a'],
  ['a', 1],
  [[1, 2], 'a'],
  [[-1]],
  [[200_019]],
  [[1.5]],
  [null],
  {},
  { input: 'a' },
  Array.from({ length: 200 }, (_, i) => `t${i}`),
  Array.from({ length: 3 }, () => 'word '.repeat(700)),
];
const FIELDS = ['model', 'input', 'encoding_format', 'dimensions', 'user', 'extra', '__proto__', 'constructor'];

/**
 * A POST /v1/embeddings body derived from a valid one by 1 to 4 seeded mutations: a field set to
 * an odd value, removed, or the whole body replaced. Some results stay valid (and are served);
 * none may make the gateway answer 5xx.
 */
export function mutatedEmbeddingsBody(index: number): string {
  const rand = prng(index + 7);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
  if (rand() < 0.05) return pick(['', '[]', 'null', '"input"', '{"model":"sim-embed","input":["a",]}', '{']);
  const body: Record<string, unknown> = { ...VALID, ...(rand() < 0.3 ? { dimensions: pick([1, 8, 256, 257]) } : {}) };
  const mutations = 1 + Math.floor(rand() * 4);
  for (let m = 0; m < mutations; m++) {
    const field = pick(FIELDS);
    if (rand() < 0.2) delete body[field];
    else body[field] = pick(ODD_VALUES);
  }
  return JSON.stringify(body);
}
