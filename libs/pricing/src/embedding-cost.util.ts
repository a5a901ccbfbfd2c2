import type { Catalog, EmbeddingModel } from '@switchyard/contracts';
import { embeddingInputRate } from '@switchyard/router';
import { costMicro } from './token-cost.util';

/**
 * What an embeddings batch costs, in micro-credits: its input tokens at the model's input rate,
 * rounded up as every price is (costMicro). The tokens are counted before the call, so this is
 * both the hold and the debit.
 */
export function embeddingCostMicro(catalog: Catalog, model: EmbeddingModel, tokens: number): bigint {
  return costMicro(
    { promptTokens: tokens, completionTokens: 0, cachedReadTokens: 0, cacheCreationTokens: 0 },
    { inputPer1kMicro: embeddingInputRate(catalog, model), outputPer1kMicro: 0n, cachedInputPer1kMicro: 0n },
  );
}
