// The encoder's own split regex, so the pre-tokens here are exactly the ones it would encode.
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/cjs/encodingParams/constants';

/**
 * o200k_base cuts text into pre-tokens ("words") with one regex and runs BPE on each. Two costs
 * grow faster than the text: gpt-tokenizer's BPE is quadratic in a pre-token's length (160k
 * letters took 15 s), and V8's regex engine overflows its backtracking stack on a run of a few
 * million letters, marks or emoji. Both are bounded here; what is too long is left to the
 * caller to bound by its UTF-8 length, which no BPE count can exceed (a token is at least a byte).
 */

/** Longest pre-token, in UTF-8 bytes, handed to BPE; BPE costs about 1 µs per byte up to here. */
export const MAX_ENCODED_PRE_TOKEN_BYTES = 1024;
/** Longest stretch the split regex sees; V8 overflows at about four times this. */
export const MAX_SPLIT_STRETCH_CHARS = 1 << 20;
/** In texts longer than that, the regex runs on slices of about this size, so a visit can stop early. */
const SEGMENT_CHARS = 1 << 16;

/**
 * Called with each pre-token in order, `encodable` when it is short enough for BPE; a stretch
 * over MAX_SPLIT_STRETCH_CHARS comes whole, not encodable. Returning true stops the walk.
 */
export type PreTokenVisitor = (text: string, encodable: boolean) => boolean | void;

const SPLIT = new RegExp(O200K_TOKEN_SPLIT_REGEX.source, O200K_TOKEN_SPLIT_REGEX.flags);

/** Whether a UTF-16 code unit is `\s` in a JavaScript regex (the set is fixed by ECMAScript). */
export function isRegexSpace(code: number): boolean {
  if (code <= 0x20) return code === 0x20 || (code >= 0x09 && code <= 0x0d);
  if (code < 0xa0) return false;
  return (
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

// What the cut rules need to know of a UTF-16 code unit, as bits.
const SPACE = 1;
const LINE_BREAK = 2;
const SLASH = 4;
const DIGIT = 8;
const SURROGATE = 16;
const CLASSES = 32;

/**
 * Whether a cut between a unit of class `before` and one of class `after` is a pre-token boundary
 * that also leaves both sides split exactly as in the whole text. Derived from the o200k pattern:
 * no pre-token runs on from a non-space into a space or tab, or from a line break into anything
 * but a space or `/`, and digits form pre-tokens of their own (except after a space, which may
 * stand alone or join the spaces before it depending on what follows). Astral characters are
 * never cut at on the digit rule: their class is not looked up. The spec checks it on the regex.
 */
function cutsBetween(before: number, after: number): boolean {
  if (!(before & SPACE) && after & SPACE && !(after & LINE_BREAK)) return true;
  if (before & LINE_BREAK && !(after & SPACE) && !(after & SLASH)) return true;
  if (before & SPACE || before & SURROGATE || after & SURROGATE) return false;
  return (before & DIGIT) !== (after & DIGIT);
}

let unitClasses: Uint8Array | undefined;
let cutTable: Uint8Array | undefined;

/** Built on first use: only texts over MAX_SPLIT_STRETCH_CHARS need them. */
function classTables(): { units: Uint8Array; cuts: Uint8Array } {
  if (!unitClasses || !cutTable) {
    const units = new Uint8Array(0x10000);
    const numeric = /\p{N}/u;
    for (let unit = 0; unit < 0x10000; unit++) {
      let bits = isRegexSpace(unit) ? SPACE : 0;
      if (unit === 0x0a || unit === 0x0d) bits |= LINE_BREAK;
      if (unit === 0x2f) bits |= SLASH;
      if (unit >= 0xd800 && unit <= 0xdfff) bits |= SURROGATE;
      else if (numeric.test(String.fromCharCode(unit))) bits |= DIGIT;
      units[unit] = bits;
    }
    const cuts = new Uint8Array(CLASSES * CLASSES);
    for (let before = 0; before < CLASSES; before++)
      for (let after = 0; after < CLASSES; after++) cuts[before * CLASSES + after] = cutsBetween(before, after) ? 1 : 0;
    unitClasses = units;
    cutTable = cuts;
  }
  return { units: unitClasses, cuts: cutTable };
}

/** Whether the cut rules allow cutting `text` before index `at` (0 < at < text.length). */
export function isSafeCut(text: string, at: number): boolean {
  const { units, cuts } = classTables();
  return cuts[units[text.charCodeAt(at - 1)] * CLASSES + units[text.charCodeAt(at)]] === 1;
}

function fitsEncoder(piece: string): boolean {
  // A UTF-16 unit is 1 to 3 UTF-8 bytes (a surrogate pair is 4 for two units).
  if (piece.length <= MAX_ENCODED_PRE_TOKEN_BYTES / 3) return true;
  if (piece.length > MAX_ENCODED_PRE_TOKEN_BYTES) return false;
  return Buffer.byteLength(piece, 'utf8') <= MAX_ENCODED_PRE_TOKEN_BYTES;
}

function splitAndVisit(segment: string, visit: PreTokenVisitor): boolean {
  for (const [piece] of segment.matchAll(SPLIT)) if (visit(piece, fitsEncoder(piece))) return true;
  return false;
}

/**
 * Walks the pre-tokens of `text` in linear time. Texts up to MAX_SPLIT_STRETCH_CHARS go to the
 * regex whole; longer ones are first cut at safe boundaries, and a stretch without one (no
 * space, line break or digit for a million characters) is visited whole instead of split.
 */
export function forEachPreToken(text: string, visit: PreTokenVisitor): void {
  if (text.length <= MAX_SPLIT_STRETCH_CHARS) {
    splitAndVisit(text, visit);
    return;
  }
  const { units, cuts } = classTables();
  let segmentStart = 0;
  let stretchStart = 0;
  let before = units[text.charCodeAt(0)];
  for (let at = 1; at < text.length; at++) {
    const after = units[text.charCodeAt(at)];
    const cut = cuts[before * CLASSES + after] === 1;
    before = after;
    if (!cut) continue;
    if (at - stretchStart > MAX_SPLIT_STRETCH_CHARS) {
      if (splitAndVisit(text.slice(segmentStart, stretchStart), visit)) return;
      if (visit(text.slice(stretchStart, at), false)) return;
      segmentStart = at;
    } else if (at - segmentStart >= SEGMENT_CHARS) {
      if (splitAndVisit(text.slice(segmentStart, at), visit)) return;
      segmentStart = at;
    }
    stretchStart = at;
  }
  if (text.length - stretchStart > MAX_SPLIT_STRETCH_CHARS) {
    if (splitAndVisit(text.slice(segmentStart, stretchStart), visit)) return;
    visit(text.slice(stretchStart), false);
    return;
  }
  splitAndVisit(text.slice(segmentStart), visit);
}
