/** Seeded random text for the tokenizer's property specs (replay a failure from its seed). */

export type Random = () => number;

/** A uniform float in [0, 1) from a 31-bit LCG: reproducible, and plenty for test data. */
export function seededRandom(seed: number): Random {
  let state = seed % 2 ** 31;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

export const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];

/**
 * Units that exercise every branch of the o200k split pattern: each letter category, marks,
 * the contraction suffixes, digits of several scripts, `\s` and what is not `\s` (NEL),
 * line breaks and `/`, emoji with modifiers, lone surrogates and special-token markers.
 */
export const TRICKY_UNITS: readonly string[] = [
  ...['a', 'b', 'Z', 'A', 's', 'S', 't', 'd', 'l', 'L', 'v', 'e', 'r', 'm', 'é', 'ǅ', 'ʰ', '中', 'ก', 'ß'],
  ...["'", '’', '\u0301', '\u200d', '_', '#', '"', '!', '.', '-', '=', '/', '<|endoftext|>'],
  ...['1', '2', '9', '٣', '²', '½', '𝟙'],
  ...[' ', '  ', '\t', '\n', '\r', '\r\n', '\u00a0', '\u3000', '\u2028', '\u000b', '\ufeff', '\u0085'],
  ...['😀', '👍🏽', '\ud800', '\udc00'],
];

export function randomText(random: Random, units: readonly string[], count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += pick(random, units);
  return text;
}

const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Runs that make long pre-tokens, the shapes a hostile prompt is made of, each as a unit list. */
export const LONG_RUN_UNITS: Readonly<Record<string, readonly string[]>> = {
  'one letter': ['a'],
  'random letters': [...LOWER],
  capitals: [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'],
  'letters and marks': ['a', 'e', '\u0301', '\u0308'],
  digits: [...'0123456789'],
  punctuation: [...'!@#$%^&*()_+-=[]{};:,.<>?~|'],
  'equals signs': ['='],
  CJK: ['中', '文', '字', '日', '本', '語', '한', '국'],
  emoji: ['😀', '👍🏽', '🦊', '👩‍👩‍👧', '❤️'],
  base64: [...BASE64],
  spaces: [' '],
  whitespace: [' ', '\t', '\n', '\r\n', '\u00a0'],
  Thai: ['ก', 'า', 'ร', 'ไ', 'ม่', 'ท'],
};

/** About `chars` UTF-16 units of one kind of run, repeating its units at random. */
export function randomRun(random: Random, units: readonly string[], chars: number): string {
  let run = '';
  while (run.length < chars) run += pick(random, units);
  return run;
}

/** Text made of a few runs, each of one kind from LONG_RUN_UNITS and at most about `maxChars` long. */
export function randomRuns(random: Random, maxChars: number): string {
  const kinds = Object.values(LONG_RUN_UNITS);
  let text = '';
  const runs = 1 + Math.floor(random() * 4);
  for (let i = 0; i < runs; i++) {
    text += randomRun(random, pick(random, kinds), 1 + Math.floor(random() ** 2 * maxChars));
    if (random() < 0.5) text += pick(random, [' ', '\n', ' the ', "'s ", '. ']);
  }
  return text;
}
