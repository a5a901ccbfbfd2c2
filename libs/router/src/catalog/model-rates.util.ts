import type { Catalog, CatalogModel, EmbeddingModel, TokenRates } from '@switchyard/contracts';

/**
 * The prices a model is billed at: its tier's rates with the model's own overrides applied.
 * Lives with the catalog so `/v1/models` and billing (`ratesFor` in @switchyard/pricing) can
 * never disagree.
 */
export function modelRates(catalog: Catalog, model: CatalogModel): TokenRates {
  const tier = catalog.tierRates[model.tier];
  const override = model.pricing ?? {};
  return {
    inputPer1kMicro: override.inputPer1kMicro ?? tier.inputPer1kMicro,
    outputPer1kMicro: override.outputPer1kMicro ?? tier.outputPer1kMicro,
    cachedInputPer1kMicro: override.cachedInputPer1kMicro ?? tier.cachedInputPer1kMicro,
  };
}

/** An embedding model's price per 1K input tokens: its own, or its tier's input rate. */
export function embeddingInputRate(catalog: Catalog, model: EmbeddingModel): bigint {
  return model.inputPer1kMicro ?? catalog.tierRates[model.tier].inputPer1kMicro;
}
