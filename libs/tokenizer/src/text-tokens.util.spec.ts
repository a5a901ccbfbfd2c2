import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decoder as sharedDecoder } from 'gpt-tokenizer/cjs/BytePairEncodingCore';
import { countTokens, decode, encode } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/cjs/encodingParams/constants';
import { MAX_ENCODED_PRE_TOKEN_BYTES } from './o200k-pre-tokens.util';
import { LONG_RUN_UNITS, randomRun, randomRuns, seededRandom } from './random-text.test-util';
import { countTextTokens, truncateToTokens } from './text-tokens.util';

/** The encoder run on the whole text: exact, and quadratic in a pre-token's length. */
const exactCount = (text: string) => countTokens(text, { disallowedSpecial: new Set() });
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');
const longestPreTokenBytes = (text: string) =>
  Math.max(0, ...[...text.matchAll(O200K_TOKEN_SPLIT_REGEX)].map((m) => bytes(m[0])));

function elapsedMs(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

describe(countTextTokens.name, () => {
  it.each([
    ['', 0],
    ['Hello', 1],
    ['Hello, world!', 4],
    ['The quick brown fox jumps over the lazy dog.', 10],
  ])('counts %j as %i o200k_base tokens', (text, expected) => {
    expect(countTextTokens(text)).toBe(expected);
  });

  it('treats special-token markers in client text as plain text instead of throwing', () => {
    expect(countTextTokens('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('counts non-Latin text', () => {
    expect(countTextTokens('こんにちは世界')).toBeGreaterThan(0);
  });

  const docs = ['README.md', 'docs/benchmarks.md', 'libs/tokenizer/src/o200k-pre-tokens.util.ts'].map((file) =>
    readFileSync(join(__dirname, '../../..', file), 'utf8'),
  );

  it('counts ordinary text exactly: this repository’s own docs and code', () => {
    for (const text of docs) expect(countTextTokens(text)).toBe(exactCount(text));
  });

  it('never counts fewer tokens than the encoder, and exactly as many when no pre-token is over the limit', () => {
    const random = seededRandom(2024);
    const under: string[] = [];
    const inexact: string[] = [];
    let bounded = 0;
    for (let i = 0; i < 300; i++) {
      const text = randomRuns(random, 1_200);
      const ours = countTextTokens(text);
      const exact = exactCount(text);
      if (ours < exact) under.push(JSON.stringify(text.slice(0, 80)));
      if (longestPreTokenBytes(text) <= MAX_ENCODED_PRE_TOKEN_BYTES) {
        if (ours !== exact) inexact.push(JSON.stringify(text.slice(0, 80)));
      } else bounded++;
    }
    expect(under).toEqual([]);
    expect(inexact).toEqual([]);
    expect(bounded).toBeGreaterThan(20); // the bound itself was exercised
  });

  it.each(Object.entries(LONG_RUN_UNITS))('bounds a long run of %s by its bytes, above the exact count', (_, units) => {
    const run = randomRun(seededRandom(5), units, 3_000);
    const text = `Look: ${run} done`;
    expect(countTextTokens(text)).toBeGreaterThanOrEqual(exactCount(text));
  });

  it('counts a pre-token over the limit as its UTF-8 bytes, and the rest exactly', () => {
    const word = 'a'.repeat(MAX_ENCODED_PRE_TOKEN_BYTES + 1);
    expect(countTextTokens(`hello ${word} world`)).toBe(exactCount('hello') + bytes(` ${word}`) + exactCount(' world'));
  });

  it('counts a text over a million characters exactly when its words are ordinary', () => {
    const text = docs.join('\n').repeat(Math.ceil(1_100_000 / docs.join('\n').length));
    expect(text.length).toBeGreaterThan(1_100_000);
    expect(countTextTokens(text)).toBe(exactCount(text));
  });

  it('counts one-word prompts in milliseconds where the encoder took seconds (26 s for 200 KB)', () => {
    for (const size of [10_000, 40_000, 160_000, 200 * 1024]) {
      const word = 'a'.repeat(size);
      expect(elapsedMs(() => expect(countTextTokens(word)).toBe(size))).toBeLessThan(50);
    }
    // V8's regex engine overflows its stack on these; they are bounded without it.
    for (const unit of ['a', '中', 'a\u0301', '😀']) {
      const word = unit.repeat(Math.floor((10 * 1024 * 1024) / bytes(unit)));
      expect(elapsedMs(() => expect(countTextTokens(word)).toBe(bytes(word)))).toBeLessThan(1_000);
    }
  });

  it('stops once the count passes stopAbove', () => {
    const text = 'lorem ipsum dolor '.repeat(10_000);
    const full = countTextTokens(text);
    expect(countTextTokens(text, full)).toBe(full);
    const stopped = countTextTokens(text, 1_000);
    expect(stopped).toBeGreaterThan(1_000);
    expect(stopped).toBeLessThan(1_010);
  });
});

describe(truncateToTokens.name, () => {
  const text = 'The quick brown fox jumps over the lazy dog.';

  it('keeps text that already fits', () => {
    expect(truncateToTokens(text, 10)).toBe(text);
    expect(truncateToTokens(text, 100)).toBe(text);
  });

  it('cuts to whole tokens', () => {
    expect(truncateToTokens(text, 3)).toBe('The quick brown');
    expect(countTextTokens(truncateToTokens(text, 3))).toBe(3);
  });

  it('returns nothing for a budget of zero', () => {
    expect(truncateToTokens(text, 0)).toBe('');
  });

  it('never leaves half a character behind', () => {
    const cut = truncateToTokens('🦊🦊🦊🦊', 1);
    expect(cut).not.toContain('\uFFFD');
    expect('🦊🦊🦊🦊'.startsWith(cut)).toBe(true);
  });

  it('keeps the first tokens of the encoding, as the encoder cuts them', () => {
    const random = seededRandom(77);
    for (let i = 0; i < 300; i++) {
      const sample = randomRuns(random, 60);
      const budget = 1 + Math.floor(random() * 20);
      const tokens = encode(sample, { disallowedSpecial: new Set() });
      const expected = tokens.length <= budget ? sample : decode(tokens.slice(0, budget)).replace(/\uFFFD+$/u, '');
      sharedDecoder.decode(); // the reference's own decode must not leave half a character behind either
      expect(truncateToTokens(sample, budget)).toBe(expected);
    }
  });

  it('leaves no half character behind for the next cut to start with', () => {
    expect(truncateToTokens('🦊🦊', 1)).toBe('');
    const cut = truncateToTokens('Supercalifragilistic', 1);
    expect(cut.length).toBeGreaterThan(0);
    expect('Supercalifragilistic'.startsWith(cut)).toBe(true);
  });

  it('cuts a pre-token too long to encode by bytes, quickly, on whole characters', () => {
    const word = '中'.repeat(4 * 1024 * 1024);
    let cut = '';
    expect(elapsedMs(() => (cut = truncateToTokens(`Hi ${word}`, 10)))).toBeLessThan(1_000);
    expect(cut).toBe('Hi 中中');
    expect(truncateToTokens('a'.repeat(2_000), 100)).toBe('a'.repeat(100));
  });
});
