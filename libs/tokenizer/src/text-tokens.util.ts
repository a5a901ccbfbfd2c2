// The encoding entry point, not the package root: the root also wires up every model's
// metadata, and only the o200k_base table (GPT-4o and later) should be loaded.
import { countTokens, decode, encode } from 'gpt-tokenizer/cjs/encoding/o200k_base';

/**
 * Client text may contain strings like `<|endoftext|>`; they are ordinary text to us, so the
 * tokenizer must neither treat them as special tokens nor throw (its default) on seeing them.
 */
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** Tokens in `text` under o200k_base. */
export function countTextTokens(text: string): number {
  return text.length === 0 ? 0 : countTokens(text, PLAIN_TEXT);
}

/** The longest prefix of `text` that is at most `maxTokens` tokens (whole tokens only). */
export function truncateToTokens(text: string, maxTokens: number): string {
  if (maxTokens <= 0) return '';
  const tokens = encode(text, PLAIN_TEXT);
  if (tokens.length <= maxTokens) return text;
  // A token boundary can fall inside a multi-byte character; drop the dangling half.
  return decode(tokens.slice(0, maxTokens)).replace(/\uFFFD+$/u, '');
}
