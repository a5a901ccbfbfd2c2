import {
  checkEmbeddingLimits,
  type Catalog,
  type EmbeddingModel,
  type ValidatedEmbeddingsRequest,
} from '@switchyard/contracts';
import { assertKeyAllows, type AuthenticatedKey } from '@switchyard/keys';
import { embeddingCostMicro } from '@switchyard/pricing';
import { resolveEmbeddingModel } from '@switchyard/router';
import { countEmbeddingInputTokens } from '@switchyard/tokenizer';

/** Everything decided before an embeddings call: the model, the tokens, and the hold, which is the exact cost. */
export interface EmbeddingsPlan {
  model: EmbeddingModel;
  /** All inputs' tokens: what TPM counts and what is billed. */
  promptTokens: number;
  /** The batch's exact cost (tokens are known before the call): the hold is the debit. */
  holdMicro: bigint;
  /** The vectors' length: the request's `dimensions`, or the model's native size. */
  dimensions: number;
}

/**
 * Resolves the embedding alias, checks the key may use it, counts every input and applies the
 * model's limits (400s naming the limit, before any hold), then prices the batch.
 */
export function planEmbeddings(
  catalog: Catalog,
  key: AuthenticatedKey,
  request: ValidatedEmbeddingsRequest,
): EmbeddingsPlan {
  const model = resolveEmbeddingModel(catalog, request.model);
  assertKeyAllows(key, model);
  const tokenCounts = countEmbeddingInputTokens(request.input, model.maxInputTokens);
  checkEmbeddingLimits(request, model, tokenCounts);
  const promptTokens = tokenCounts.reduce((sum, count) => sum + count, 0);
  return {
    model,
    promptTokens,
    holdMicro: embeddingCostMicro(catalog, model, promptTokens),
    dimensions: request.dimensions ?? model.dimensions,
  };
}
