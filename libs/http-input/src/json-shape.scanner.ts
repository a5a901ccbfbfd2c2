import { InvalidRequestError } from '@switchyard/contracts';

/** How deep and how big a JSON body may be before anything parses it. */
export interface JsonShapeLimits {
  /** Most arrays and objects open at once. */
  maxDepth: number;
  /** Most elements: every array and object, plus every array item and object member after its first. */
  maxElements: number;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OTHER = 0;
const STRING = 1;
const OPEN = 2;
const CLOSE = 3;
const SEPARATOR = 4;
/** What each byte means outside strings: most mean nothing here, a table lookup says so at once. */
const KIND = new Uint8Array(256);
KIND[QUOTE] = STRING;
KIND[OPEN_ARRAY] = KIND[OPEN_OBJECT] = OPEN;
KIND[CLOSE_ARRAY] = KIND[CLOSE_OBJECT] = CLOSE;
KIND[COMMA] = SEPARATOR;
/** Strings shorter than this are walked byte by byte; longer ones are skipped with a native search. */
const SHORT_STRING = 32;

/**
 * Checks a JSON text's nesting depth and element count on its raw UTF-8 bytes, chunk by chunk as
 * they arrive, so a body that JSON.parse would turn into hundreds of megabytes (a 10 MB array
 * nested five million deep, millions of empty arrays) is refused after its first bytes and never
 * parsed. One linear pass: outside strings it looks at each byte, inside strings it jumps from
 * quote to quote (UTF-8 never puts an ASCII byte inside a multi-byte character, so a quote,
 * bracket or backslash byte is always that character). It does not validate the syntax, JSON.parse
 * does that next; for any text JSON.parse accepts, depth and count are exact.
 */
export class JsonShapeScanner {
  private depth = 0;
  private elements = 0;
  private inString = false;
  /** The last chunk ended inside a string on a backslash that escapes this chunk's first byte. */
  private escapePending = false;

  constructor(private readonly limits: JsonShapeLimits) {}

  /** Scans the next chunk of the text; throws InvalidRequestError naming the limit it passes. */
  write(chunk: Buffer): void {
    const end = chunk.length;
    const { maxDepth, maxElements } = this.limits;
    let { depth, elements, inString } = this;
    let i = 0;
    if (this.escapePending && end > 0) {
      this.escapePending = false;
      i = 1;
    }
    while (i < end) {
      if (inString) {
        const close = this.closingQuote(chunk, i, end);
        if (close < 0) break;
        inString = false;
        i = close + 1;
        continue;
      }
      const kind = KIND[chunk[i++]];
      if (kind === OTHER) continue;
      if (kind === STRING) inString = true;
      else if (kind === OPEN) {
        if (++depth > maxDepth) throw tooDeep(maxDepth);
        if (++elements > maxElements) throw tooMany(maxElements);
      } else if (kind === CLOSE) depth--;
      else if (++elements > maxElements) throw tooMany(maxElements);
    }
    this.depth = depth;
    this.elements = elements;
    this.inString = inString;
  }

  /**
   * Where the string that `from` is inside of closes in this chunk, or -1 when it runs past the
   * chunk's end (then remembers whether a trailing backslash escapes the next chunk's first byte).
   */
  private closingQuote(chunk: Buffer, from: number, end: number): number {
    let i = from;
    // Most strings in a request are short keys and values: a byte loop beats a native call for them.
    const shortEnd = Math.min(end, from + SHORT_STRING);
    while (i < shortEnd) {
      const byte = chunk[i];
      if (byte === QUOTE) return i;
      i += byte === BACKSLASH ? 2 : 1;
    }
    while (i < end) {
      const quote = chunk.indexOf(QUOTE, i);
      if (quote < 0) break;
      // A quote after an odd run of backslashes is escaped; the run cannot reach back past `i`,
      // which is the byte after a quote or an escape (or a string's start).
      let run = 0;
      while (quote - run - 1 >= i && chunk[quote - run - 1] === BACKSLASH) run++;
      if (run % 2 === 0) return quote;
      i = quote + 1;
    }
    if (i < end) {
      let run = 0;
      while (end - run - 1 >= i && chunk[end - run - 1] === BACKSLASH) run++;
      this.escapePending = run % 2 === 1;
    } else this.escapePending = i > end;
    return -1;
  }
}

function tooDeep(maxDepth: number): InvalidRequestError {
  return new InvalidRequestError(`The JSON body is nested too deeply: the depth limit is ${maxDepth} levels.`);
}

function tooMany(maxElements: number): InvalidRequestError {
  return new InvalidRequestError(
    `The JSON body has too many elements: the limit is ${maxElements} (arrays, objects, their items and members).`,
  );
}
