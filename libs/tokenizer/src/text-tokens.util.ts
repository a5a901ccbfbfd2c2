// The encoding entry point, not the package root: the root also wires up every model's
// metadata, and only the o200k_base table (GPT-4o and later) should be loaded.
import { decoder as sharedDecoder } from 'gpt-tokenizer/cjs/BytePairEncodingCore';
import { countTokens, decode, encode, setMergeCacheSize } from 'gpt-tokenizer/cjs/encoding/o200k_base';
import { forEachPreToken } from './o200k-pre-tokens.util';

/**
 * Client text may contain strings like `<|endoftext|>`; they are ordinary text to us, so the
 * tokenizer must neither treat them as special tokens nor throw (its default) on seeing them.
 */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

// gpt-tokenizer caches BPE results keyed by the pre-token as cut from the text, and a V8
// substring keeps the whole string it was cut from alive: every prompt stayed in memory while
// one of its words was cached (200 distinct 1 MB prompts held 205 MB). Its cache is off; this
// one keys on copies, and only short pre-tokens, the ones that repeat.
setMergeCacheSize(0);
const CACHED_PRE_TOKEN_CHARS = 64;
const CACHED_PRE_TOKENS = 50_000;
const cachedCounts = new Map<string, number>();

/** A copy of `text` that does not keep the string it was cut from alive. */
const detached = (text: string): string => (' ' + text).slice(1);

function encodedCount(piece: string): number {
  if (piece.length > CACHED_PRE_TOKEN_CHARS) return countTokens(piece, PLAIN_TEXT);
  const cached = cachedCounts.get(piece);
  if (cached !== undefined) return cached;
  // A pre-token encoded alone is split into itself, so this is its count within the text.
  const count = countTokens(piece, PLAIN_TEXT);
  if (cachedCounts.size >= CACHED_PRE_TOKENS) cachedCounts.delete(cachedCounts.keys().next().value as string);
  cachedCounts.set(detached(piece), count);
  return count;
}

const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

/**
 * Tokens of one pre-token as a PreTokenVisitor gets it: exact when `encodable`, otherwise its
 * UTF-8 bytes, which no encoding of it exceeds (a token is at least a byte).
 */
export const preTokenTokens = (piece: string, encodable: boolean): number =>
  encodable ? encodedCount(piece) : utf8Length(piece);

/**
 * Tokens in `text` under o200k_base, in time linear in its length. Exact for every pre-token
 * up to MAX_ENCODED_PRE_TOKEN_BYTES (all ordinary text); a longer one counts its UTF-8 bytes:
 * the result is never below the exact count, so a hold or a context check built on it never
 * comes up short. Counting stops once the total passes `stopAbove`; the result is then above
 * `stopAbove`, and may be below the full count.
 */
export function countTextTokens(text: string, stopAbove = Number.POSITIVE_INFINITY): number {
  let total = 0;
  forEachPreToken(text, (piece, encodable) => {
    total += preTokenTokens(piece, encodable);
    return total > stopAbove;
  });
  return total;
}

/**
 * The text of whole tokens, without a character the last one cut in half. gpt-tokenizer decodes
 * through one streaming TextDecoder shared by the process, which would keep that half and put
 * it, garbled, in front of the next decode anywhere: flushed here.
 */
function decodeWholeCharacters(tokens: readonly number[]): string {
  const text = decode(tokens);
  sharedDecoder.decode();
  return text.replace(/\uFFFD+$/u, '');
}

/** The longest prefix of `text` within `maxBytes` UTF-8 bytes that ends on a whole character. */
function prefixWithinBytes(text: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    const pair = code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(end + 1) & 0xfc00) === 0xdc00;
    const size = pair ? 4 : code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += pair ? 2 : 1;
  }
  return text.slice(0, end);
}

/**
 * The first `maxTokens` tokens of `text`, decoded: a prefix cut at a token boundary (whole
 * characters only). A pre-token too long to encode is cut by bytes, as countTextTokens counts
 * it. Work is bounded by what is kept, plus one pre-token.
 */
export function truncateToTokens(text: string, maxTokens: number): string {
  if (maxTokens <= 0) return '';
  let left = maxTokens;
  let keptChars = 0;
  let tail = '';
  forEachPreToken(text, (piece, encodable) => {
    const tokens = encodable ? encode(piece, PLAIN_TEXT) : undefined;
    const size = tokens ? tokens.length : utf8Length(piece);
    if (size <= left) {
      left -= size;
      keptChars += piece.length;
      return left === 0;
    }
    tail = tokens ? decodeWholeCharacters(tokens.slice(0, left)) : prefixWithinBytes(piece, left);
    return true;
  });
  return keptChars === text.length ? text : text.slice(0, keptChars) + tail;
}
