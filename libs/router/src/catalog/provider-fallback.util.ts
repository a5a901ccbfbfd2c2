import type { Catalog, ProviderConfig } from '@switchyard/contracts';
import { DEFAULT_TOTAL_TIMEOUT_MS } from './parse-providers.util';

export const SIMULATED_PROVIDER = 'simulated';
const DEFAULT_SIMULATED_TIMEOUT_MS = 60_000;

export interface ProviderFallbackOptions {
  /** Names of the key variables that are set (the caller reads the environment; this stays pure). */
  availableApiKeyEnvs: ReadonlySet<string>;
  /** Where the built-in simulated provider listens in this deployment. */
  simulatedBaseUrl: string;
}

export interface ProviderFallbackResult {
  catalog: Catalog;
  /** Aliases now served by the simulated provider, for one boot log line. */
  simulated: string[];
}

/**
 * The simulated provider is the default when no provider key is configured (DESIGN §4): every
 * model whose provider needs a key that is not available is served by `simulated` instead,
 * keeping its alias, tier, capabilities, prices and upstream model id, so the stack runs and
 * bills the same with no keys at all. Returns a new catalog; the input is left untouched.
 */
export function withProviderFallback(catalog: Catalog, options: ProviderFallbackOptions): ProviderFallbackResult {
  const existing = catalog.providers.get(SIMULATED_PROVIDER);
  // The catalog's own timeouts for it, if it declares it; only the base URL is the deployment's.
  const simulatedProvider: ProviderConfig = {
    timeoutMs: DEFAULT_SIMULATED_TIMEOUT_MS,
    totalTimeoutMs: DEFAULT_TOTAL_TIMEOUT_MS,
    ...existing,
    name: SIMULATED_PROVIDER,
    kind: 'simulated',
    baseUrl: options.simulatedBaseUrl.replace(/\/+$/, ''),
  };
  const providers = new Map(catalog.providers);
  providers.set(SIMULATED_PROVIDER, simulatedProvider);

  const simulated: string[] = [];
  /** The models of one kind, those whose key is missing moved to the simulated provider. */
  const served = <M extends { provider: string }>(list: ReadonlyMap<string, M>): Map<string, M> => {
    const out = new Map<string, M>();
    for (const [alias, model] of list) {
      const keyEnv = catalog.providers.get(model.provider)?.apiKeyEnv;
      const keyMissing = keyEnv !== undefined && !options.availableApiKeyEnvs.has(keyEnv);
      if (keyMissing) simulated.push(alias);
      out.set(alias, keyMissing ? { ...model, provider: SIMULATED_PROVIDER } : model);
    }
    return out;
  };
  const models = served(catalog.models);
  const embeddingModels = catalog.embeddingModels && served(catalog.embeddingModels);
  return {
    catalog: { ...catalog, providers, models, ...(embeddingModels ? { embeddingModels } : {}) },
    simulated,
  };
}
