import { InvalidRequestError } from '@switchyard/contracts';
import { JsonShapeScanner, type JsonShapeLimits } from './json-shape.scanner';

const UNLIMITED = { maxDepth: Infinity, maxElements: Infinity };

/** Feeds `text` to a scanner in chunks of `chunkBytes`; returns the error it threw, or null. */
function scan(text: string | Buffer, limits: Partial<JsonShapeLimits>, chunkBytes = Infinity): Error | null {
  const bytes = Buffer.from(text);
  const scanner = new JsonShapeScanner({ ...UNLIMITED, ...limits });
  try {
    const step = Math.min(chunkBytes, Math.max(bytes.length, 1));
    for (let at = 0; at < bytes.length; at += step) scanner.write(bytes.subarray(at, at + step));
    return null;
  } catch (err) {
    return err as Error;
  }
}

/** Depth and element count of a parsed value, by the scanner's definition. */
function shapeOf(value: unknown, depth = 0): { depth: number; elements: number } {
  if (value === null || typeof value !== 'object') return { depth, elements: 0 };
  const children = Array.isArray(value) ? value : Object.values(value);
  let maxDepth = depth + 1;
  let elements = 1 + Math.max(children.length - 1, 0);
  for (const child of children) {
    const inner = shapeOf(child, depth + 1);
    maxDepth = Math.max(maxDepth, inner.depth);
    elements += inner.elements;
  }
  return { depth: maxDepth, elements };
}

/** Deterministic PRNG (mulberry32). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random JSON whose strings are full of what could fool a scanner: quotes, backslashes, brackets, commas, UTF-8. */
function randomValue(rand: () => number, depth: number): unknown {
  const pick = rand();
  if (depth > 6 || pick < 0.3) {
    const alphabet = ['a', '"', '\\', '[', ']', '{', '}', ',', 'é', '世', '\n', '\\"', '"\\', '😀'];
    return Array.from({ length: Math.floor(rand() * 12) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join(
      '',
    );
  }
  if (pick < 0.4) return rand() < 0.5 ? Math.floor(rand() * 1e6) : rand() < 0.5 ? null : true;
  const size = Math.floor(rand() * 5);
  if (pick < 0.7) return Array.from({ length: size }, () => randomValue(rand, depth + 1));
  return Object.fromEntries(Array.from({ length: size }, (_, i) => [`k${i}[",\\`, randomValue(rand, depth + 1)]));
}

describe(JsonShapeScanner.name, () => {
  it('accepts nesting up to the depth limit and refuses one level more, naming the limit', () => {
    expect(scan(`${'['.repeat(64)}${']'.repeat(64)}`, { maxDepth: 64 })).toBeNull();
    const err = scan(`{"a":${'['.repeat(65)}${']'.repeat(65)}}`, { maxDepth: 65 });
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err?.message).toBe('The JSON body is nested too deeply: the depth limit is 65 levels.');
  });

  it('counts depth as arrays and objects open at once, not as their total', () => {
    expect(scan(JSON.stringify(Array.from({ length: 1000 }, () => [[{}]])), { maxDepth: 4 })).toBeNull();
  });

  it('refuses more elements than the limit, naming it', () => {
    expect(scan(JSON.stringify(Array.from({ length: 99 }, () => 0)), { maxElements: 99 })).toBeNull();
    const err = scan(JSON.stringify(Array.from({ length: 100 }, () => [])), { maxElements: 100 });
    expect(err?.message).toBe(
      'The JSON body has too many elements: the limit is 100 (arrays, objects, their items and members).',
    );
  });

  it.each([
    ['brackets inside a string', '["[[[[[[[[[["]', 1],
    ['an escaped quote that does not end the string', '["\\"[[[[[[[[[["]', 1],
    ['an escaped backslash that does', '["\\\\",[[[]]]]', 4],
    ['a long string with escapes', `["${'x\\"[{'.repeat(100)}",[]]`, 2],
    ['a long string ending in an escaped backslash', `["${'x'.repeat(100)}\\\\",[]]`, 2],
    ['keys', '{"[[[[":{"]]]]":[]}}', 3],
  ])('reads %s right', (_case, text, depth) => {
    expect(() => JSON.parse(text)).not.toThrow();
    expect(scan(text, { maxDepth: depth })).toBeNull();
    expect(scan(text, { maxDepth: depth - 1 })?.message).toMatch(/depth limit/);
  });

  it('gives the same verdict however the bytes are split into chunks, escapes and UTF-8 across chunk ends included', () => {
    const text = `{"a":"\\\\\\"${'é'.repeat(40)}\\\\","b":[["\\u005b",${'"\\\\\\"",'.repeat(40)}1]]}`;
    const { depth, elements } = shapeOf(JSON.parse(text));
    for (const chunkBytes of [1, 2, 3, 5, 7, 16, 31, 33, 64]) {
      expect(scan(text, { maxDepth: depth, maxElements: elements }, chunkBytes)).toBeNull();
      expect(scan(text, { maxDepth: depth - 1 }, chunkBytes)?.message).toMatch(/depth limit/);
      expect(scan(text, { maxElements: elements - 1 }, chunkBytes)?.message).toMatch(/too many elements/);
    }
  });

  it.each([
    ['an escaped quote deep in a long string', `["${'x'.repeat(50)}\\"${'['.repeat(5)}",[]]`],
    ['escaped backslashes deep in a long string', `["${'x'.repeat(50)}\\\\\\\\",[[]]]`],
  ])('gives the same verdict for %s split in two at every byte', (_case, text) => {
    const bytes = Buffer.from(text);
    const { depth } = shapeOf(JSON.parse(text));
    for (let at = 0; at <= bytes.length; at++) {
      for (const [maxDepth, refused] of [
        [depth, false],
        [depth - 1, true],
      ] as const) {
        const scanner = new JsonShapeScanner({ maxDepth, maxElements: Infinity });
        const verdict = () => {
          scanner.write(bytes.subarray(0, at));
          scanner.write(bytes.subarray(at));
        };
        if (refused) expect(verdict).toThrow(/depth limit/);
        else expect(verdict).not.toThrow();
      }
    }
  });

  it('is exact on 500 random JSON texts, in random chunks', () => {
    const rand = prng(11);
    for (let i = 0; i < 500; i++) {
      const value = randomValue(rand, 0);
      const text = JSON.stringify(value, null, rand() < 0.3 ? 1 : undefined);
      const { depth, elements } = shapeOf(value);
      const chunkBytes = 1 + Math.floor(rand() * 40);
      expect(scan(text, { maxDepth: depth, maxElements: elements }, chunkBytes)).toBeNull();
      if (depth > 0) expect(scan(text, { maxDepth: depth - 1 }, chunkBytes)).not.toBeNull();
      if (elements > 0) expect(scan(text, { maxElements: elements - 1 }, chunkBytes)).not.toBeNull();
    }
  });

  it('refuses a 9.8 MB array nested five million deep within its first bytes', () => {
    const depth = 4_900_000;
    const scanner = new JsonShapeScanner({ maxDepth: 64, maxElements: 100_000 });
    const body = Buffer.from(`{"metadata":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    expect(() => scanner.write(body.subarray(0, 65_536))).toThrow(/depth limit is 64/);
  });
});
