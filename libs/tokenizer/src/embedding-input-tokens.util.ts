import type { EmbeddingInput } from '@switchyard/contracts';
import { countTextTokens } from './text-tokens.util';

/**
 * Tokens of each input of an embeddings request: a text under o200k_base (exact for ordinary
 * text, countTextTokens), token ids by their number. A text stops being counted once it passes
 * `stopAbove` (the model's per-input limit), so a huge input costs no more than the limit to refuse.
 */
export function countEmbeddingInputTokens(input: EmbeddingInput, stopAbove = Number.POSITIVE_INFINITY): number[] {
  return input.kind === 'tokens'
    ? input.tokens.map((ids) => ids.length)
    : input.texts.map((text) => countTextTokens(text, stopAbove));
}
