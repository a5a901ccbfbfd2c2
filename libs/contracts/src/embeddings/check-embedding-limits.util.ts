import { InvalidRequestError } from '../errors/invalid-request.error';
import type { EmbeddingModel } from '../routing/catalog.types';
import type { ValidatedEmbeddingsRequest } from './embeddings-wire.types';

/**
 * The model's rules for a validated request, before any hold: `dimensions` only where the model
 * can shorten its vectors (and not past its native length), then the number of inputs, the tokens
 * of each input and of the whole batch. Each 400 names the limit. `tokenCounts[i]` counts input i
 * (a count above the limit may stop early: the messages never quote it).
 */
export function checkEmbeddingLimits(
  request: ValidatedEmbeddingsRequest,
  model: EmbeddingModel,
  tokenCounts: readonly number[],
): void {
  if (request.dimensions !== undefined) {
    if (!model.acceptsDimensions) {
      throw new InvalidRequestError(
        `${model.alias} has a fixed size of ${model.dimensions} dimensions; dimensions is not supported.`,
        'dimensions',
      );
    }
    if (request.dimensions > model.dimensions) {
      throw new InvalidRequestError(
        `dimensions must be at most ${model.dimensions} (the native size of ${model.alias}).`,
        'dimensions',
      );
    }
  }
  if (tokenCounts.length > model.maxInputs) {
    throw new InvalidRequestError(
      `${model.alias} takes at most ${model.maxInputs} inputs per request (max_inputs), got ${tokenCounts.length}.`,
      'input',
    );
  }
  let total = 0;
  tokenCounts.forEach((count, index) => {
    if (count > model.maxInputTokens) {
      throw new InvalidRequestError(
        `input[${index}] has more than ${model.maxInputTokens} tokens, the most ${model.alias} takes per input (max_input_tokens).`,
        `input[${index}]`,
      );
    }
    total += count;
  });
  if (total > model.maxTotalTokens) {
    throw new InvalidRequestError(
      `The inputs have more than ${model.maxTotalTokens} tokens, the most ${model.alias} takes per request (max_total_tokens).`,
      'input',
    );
  }
}
