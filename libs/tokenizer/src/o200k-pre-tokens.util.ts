// The encoder's own split regex, so the pre-tokens here are exactly the ones it would encode.
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/cjs/encodingParams/constants';
import { TimeSlice } from './time-slice.util';

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
/** The scan for safe cuts (a few ns a character) looks at the clock once per this many characters. */
const SCAN_CHECK_MASK = (1 << 14) - 1;

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

/**
 * The class bits of every UTF-16 code unit. Digits are found by one pass of `\p{N}` over a
 * string of all of them (a test per unit took 12 ms); built when the module loads, so the
 * first long prompt does not pay for it in one of its slices.
 */
function buildUnitClasses(): Uint8Array {
  const codes = new Uint16Array(0x10000);
  for (let unit = 0; unit < codes.length; unit++) codes[unit] = unit;
  codes.fill(0x20, 0xd800, 0xe000); // lone surrogates side by side would pair up: spaces in their place
  let all = '';
  for (let at = 0; at < codes.length; at += 8192) all += String.fromCharCode(...codes.subarray(at, at + 8192));
  const units = new Uint8Array(0x10000);
  for (const match of all.matchAll(/\p{N}+/gu)) units.fill(DIGIT, match.index, match.index + match[0].length);
  for (let unit = 0; unit < units.length; unit++) {
    if (unit >= 0xd800 && unit <= 0xdfff) units[unit] = SURROGATE;
    else if (isRegexSpace(unit)) units[unit] |= SPACE;
  }
  units[0x0a] |= LINE_BREAK;
  units[0x0d] |= LINE_BREAK;
  units[0x2f] |= SLASH;
  return units;
}

function buildCutTable(): Uint8Array {
  const cuts = new Uint8Array(CLASSES * CLASSES);
  for (let before = 0; before < CLASSES; before++)
    for (let after = 0; after < CLASSES; after++) cuts[before * CLASSES + after] = cutsBetween(before, after) ? 1 : 0;
  return cuts;
}

const UNIT_CLASSES = buildUnitClasses();
const CUT_TABLE = buildCutTable();

/** Whether the cut rules allow cutting `text` before index `at` (0 < at < text.length). */
export function isSafeCut(text: string, at: number): boolean {
  return CUT_TABLE[UNIT_CLASSES[text.charCodeAt(at - 1)] * CLASSES + UNIT_CLASSES[text.charCodeAt(at)]] === 1;
}

function fitsEncoder(piece: string): boolean {
  // A UTF-16 unit is 1 to 3 UTF-8 bytes (a surrogate pair is 4 for two units).
  if (piece.length <= MAX_ENCODED_PRE_TOKEN_BYTES / 3) return true;
  if (piece.length > MAX_ENCODED_PRE_TOKEN_BYTES) return false;
  return Buffer.byteLength(piece, 'utf8') <= MAX_ENCODED_PRE_TOKEN_BYTES;
}

/**
 * The pre-tokens of one text, walked in linear time, in as many goes as the caller likes: each
 * `advance` stops when its time slice is over and the next one goes on from there, visiting
 * exactly what one uninterrupted walk would. Texts up to MAX_SPLIT_STRETCH_CHARS go to the regex
 * whole; longer ones are first cut at safe boundaries, and a stretch without one (no space, line
 * break or digit for a million characters) is visited whole instead of split.
 */
export class PreTokenWalk {
  /** What the walk hands out now: split by the regex from `offset` on, or (not splittable) whole. */
  private segment: string;
  private splittable = true;
  private offset = 0;
  /** Long texts: where the scan for cuts goes on, and the cuts it has found (a stretch runs between two). */
  private scanAt = 1;
  private segmentStart = 0;
  private stretchStart = 0;
  /** End of a too-long stretch found together with the segment before it, handed out next. */
  private stretchEnd = 0;

  constructor(private readonly text: string) {
    const short = text.length <= MAX_SPLIT_STRETCH_CHARS;
    this.segment = short ? text : '';
    this.segmentStart = short ? text.length : 0;
  }

  /**
   * Visits pre-tokens in order until `visit` returns true or the text ends (then true), or until
   * `slice` is over (then false: call again to go on). One pre-token may run past the slice's
   * end: at most MAX_ENCODED_PRE_TOKEN_BYTES of BPE, about a millisecond.
   */
  advance(visit: PreTokenVisitor, slice: TimeSlice = TimeSlice.UNBOUNDED): boolean {
    for (;;) {
      const { segment } = this;
      if (!this.splittable && this.offset < segment.length) {
        this.offset = segment.length;
        if (visit(segment, false)) return true;
        if (slice.spend(segment.length)) return false;
      }
      while (this.offset < segment.length) {
        // Set on every call: another walk may have used the regex between two of this one's.
        SPLIT.lastIndex = this.offset;
        const piece = (SPLIT.exec(segment) as RegExpExecArray)[0];
        this.offset += piece.length;
        if (visit(piece, fitsEncoder(piece))) return true;
        if (slice.spend(piece.length)) return false;
      }
      const found = this.nextSegment(slice);
      if (found === 'paused') return false;
      if (!found) return true;
    }
  }

  private take(start: number, end: number, splittable: boolean): void {
    this.segment = this.text.slice(start, end);
    this.splittable = splittable;
    this.offset = 0;
  }

  /** Finds the next segment of a long text: true when found, false at the end, 'paused' when `slice` ran out. */
  private nextSegment(slice: TimeSlice): boolean | 'paused' {
    const { text } = this;
    if (this.stretchEnd > 0) {
      this.take(this.stretchStart, this.stretchEnd, false);
      this.segmentStart = this.stretchStart = this.stretchEnd;
      this.stretchEnd = 0;
      return true;
    }
    if (this.segmentStart >= text.length) return false;
    const units = UNIT_CLASSES;
    const cuts = CUT_TABLE;
    const from = this.scanAt;
    let before = units[text.charCodeAt(from - 1)];
    for (let at = from; at < text.length; at++) {
      // Never where this go started: each go moves on.
      if ((at & SCAN_CHECK_MASK) === 0 && at !== from && slice.over()) {
        this.scanAt = at;
        return 'paused';
      }
      const after = units[text.charCodeAt(at)];
      const cut = cuts[before * CLASSES + after] === 1;
      before = after;
      if (!cut) continue;
      this.scanAt = at + 1;
      if (at - this.stretchStart > MAX_SPLIT_STRETCH_CHARS) return this.takeUpToLongStretch(at);
      if (at - this.segmentStart >= SEGMENT_CHARS) {
        this.take(this.segmentStart, at, true);
        this.segmentStart = this.stretchStart = at;
        return true;
      }
      this.stretchStart = at;
    }
    this.scanAt = text.length;
    if (text.length - this.stretchStart > MAX_SPLIT_STRETCH_CHARS) return this.takeUpToLongStretch(text.length);
    this.take(this.segmentStart, text.length, true);
    this.segmentStart = text.length;
    return true;
  }

  /** The segment before a too-long stretch ending at `end` (if any), then the stretch itself, whole. */
  private takeUpToLongStretch(end: number): true {
    if (this.stretchStart > this.segmentStart) {
      this.take(this.segmentStart, this.stretchStart, true);
      this.stretchEnd = end;
      return true;
    }
    this.take(this.stretchStart, end, false);
    this.segmentStart = this.stretchStart = end;
    return true;
  }
}

/** Walks the pre-tokens of `text` in linear time, in one go (see PreTokenWalk). */
export function forEachPreToken(text: string, visit: PreTokenVisitor): void {
  new PreTokenWalk(text).advance(visit);
}
