import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/cjs/encodingParams/constants';
import {
  forEachPreToken,
  isRegexSpace,
  isSafeCut,
  MAX_ENCODED_PRE_TOKEN_BYTES,
  MAX_SPLIT_STRETCH_CHARS,
  PreTokenWalk,
} from './o200k-pre-tokens.util';
import { randomText, seededRandom, TRICKY_UNITS } from './random-text.test-util';
import { TimeSlice } from './time-slice.util';

/** The encoder's own split of a text: the reference. */
const regexPieces = (text: string): string[] => [...text.matchAll(O200K_TOKEN_SPLIT_REGEX)].map((m) => m[0]);

function visited(text: string): Array<[string, boolean]> {
  const out: Array<[string, boolean]> = [];
  forEachPreToken(text, (piece, encodable) => {
    out.push([piece, encodable]);
  });
  return out;
}

describe(isRegexSpace.name, () => {
  it('agrees with \\s on every UTF-16 code unit', () => {
    const disagreements: number[] = [];
    for (let unit = 0; unit < 0x10000; unit++) {
      if (isRegexSpace(unit) !== /\s/.test(String.fromCharCode(unit))) disagreements.push(unit);
    }
    expect(disagreements).toEqual([]);
  });
});

describe(isSafeCut.name, () => {
  it('only cuts where both halves split exactly as the whole text does', () => {
    const random = seededRandom(42);
    const wrong: string[] = [];
    let cuts = 0;
    for (let i = 0; i < 40_000; i++) {
      const text = randomText(random, TRICKY_UNITS, 1 + Math.floor(random() * 14));
      const whole = regexPieces(text).join('\u0000');
      for (let at = 1; at < text.length; at++) {
        if (!isSafeCut(text, at)) continue;
        cuts++;
        const halves = [...regexPieces(text.slice(0, at)), ...regexPieces(text.slice(at))].join('\u0000');
        if (halves !== whole) wrong.push(`${JSON.stringify(text)} at ${at}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    expect(cuts).toBeGreaterThan(50_000);
  });

  it('cuts at word ends, line starts and digit edges, not inside words or after a space before a digit', () => {
    const cutsOf = (text: string) => [...text].map((_, at) => at).filter((at) => at > 0 && isSafeCut(text, at));
    expect(cutsOf('ab cd')).toEqual([2]);
    expect(cutsOf('ab\ncd')).toEqual([3]);
    expect(cutsOf('ab\n/cd')).toEqual([]);
    expect(cutsOf('ab12cd')).toEqual([2, 4]);
    expect(cutsOf('ab 12')).toEqual([2]);
  });
});

describe(forEachPreToken.name, () => {
  it('visits exactly the pre-tokens the encoder would, covering the text', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 2_000; i++) {
      const text = randomText(random, TRICKY_UNITS, 1 + Math.floor(random() * 40));
      const pieces = visited(text);
      expect(pieces.map(([piece]) => piece)).toEqual(regexPieces(text));
      expect(pieces.map(([piece]) => piece).join('')).toBe(text);
    }
  });

  it('marks a pre-token over the byte limit as not encodable', () => {
    const limit = MAX_ENCODED_PRE_TOKEN_BYTES;
    expect(visited('a'.repeat(limit))).toEqual([['a'.repeat(limit), true]]);
    expect(visited('a'.repeat(limit + 1))).toEqual([['a'.repeat(limit + 1), false]]);
    // 3 bytes a character
    expect(visited('中'.repeat(341))).toEqual([['中'.repeat(341), true]]);
    expect(visited('中'.repeat(342))).toEqual([['中'.repeat(342), false]]);
  });

  it('splits a text over a million characters exactly as the encoder would', () => {
    const random = seededRandom(3);
    const parts: string[] = [];
    let length = 0;
    while (length <= MAX_SPLIT_STRETCH_CHARS * 1.5) {
      const part = randomText(random, TRICKY_UNITS, 30) + ' ';
      parts.push(part);
      length += part.length;
    }
    const text = parts.join('');
    const pieces = visited(text);
    expect(pieces.every(([, encodable]) => encodable)).toBe(true);
    // Joined, not compared as arrays: half a million pre-tokens.
    expect(pieces.map(([piece]) => piece).join('\u0000')).toBe(regexPieces(text).join('\u0000'));
  });

  it('hands over a stretch of millions of characters without a boundary whole, instead of splitting it', () => {
    // A run of letters with combining marks: V8's regex engine overflows its stack on it.
    const run = 'a\u0301'.repeat(3_000_000);
    expect(visited(`Hello, world ${run} and goodbye`)).toEqual([
      ['Hello', true],
      [',', true],
      [' world', true],
      [` ${run}`, false],
      [' and', true],
      [' goodbye', true],
    ]);
  });

  it('stops when the visitor says so', () => {
    const seen: string[] = [];
    forEachPreToken('one two three four', (piece) => seen.push(piece) === 2);
    expect(seen).toEqual(['one', ' two']);
    const long: string[] = [];
    forEachPreToken('word '.repeat(400_000), (piece) => long.push(piece) === 3);
    expect(long).toEqual(['word', ' word', ' word']);
  });
});

describe(PreTokenWalk.name, () => {
  /** The walk in slices that end at once: it stops at every chance it has, and is resumed each time. */
  function inSlices(text: string, stopAfter = Number.POSITIVE_INFINITY): { pieces: string[]; goes: number } {
    const pieces: string[] = [];
    const walk = new PreTokenWalk(text);
    let goes = 1;
    while (
      !walk.advance(
        (piece, encodable) => pieces.push(`${encodable ? '+' : '-'}${piece}`) >= stopAfter,
        TimeSlice.lasting(0),
      )
    )
      goes++;
    return { pieces, goes };
  }
  const inOneGo = (text: string) => visited(text).map(([piece, encodable]) => `${encodable ? '+' : '-'}${piece}`);

  it('visits exactly what one uninterrupted walk visits, however often it is stopped and resumed', () => {
    const random = seededRandom(11);
    const words = Array.from({ length: 27_000 }, () => randomText(random, TRICKY_UNITS, 30)).join(' ');
    expect(words.length).toBeGreaterThan(MAX_SPLIT_STRETCH_CHARS);
    const texts = {
      'random text': randomText(random, TRICKY_UNITS, 5_000),
      'a text over a million characters': words,
      'a stretch of over a million characters without a boundary': `Hello, world ${'a\u0301'.repeat(600_000)} and ${words}`,
    };
    for (const [name, text] of Object.entries(texts)) {
      const { pieces, goes } = inSlices(text);
      // Joined, not compared as arrays: up to half a million pre-tokens.
      expect({ name, pieces: pieces.join('\u0000') }).toEqual({ name, pieces: inOneGo(text).join('\u0000') });
      expect(goes).toBeGreaterThan(text.length / 20_000);
    }
  });

  it('stops for good when the visitor says so, in whichever slice', () => {
    const { pieces } = inSlices('word '.repeat(400_000), 1_000);
    expect(pieces).toHaveLength(1_000);
  });
});
