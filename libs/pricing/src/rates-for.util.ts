import type { Catalog, CatalogModel, TokenRates } from '@switchyard/contracts';
import { modelRates } from '@switchyard/router';

/**
 * What a model is billed at: its tier's per-1K rates with the model's overrides applied.
 * The catalog (router) owns the rule, so the prices `/v1/models` shows are the ones charged.
 */
export function ratesFor(catalog: Catalog, model: CatalogModel): TokenRates {
  return modelRates(catalog, model);
}
