import type { Catalog } from '@switchyard/contracts';
import { CatalogError } from './catalog.error';
import { CatalogReader } from './catalog-reader.util';
import { checkFallbacks, parseModels } from './parse-models.util';
import { parseProviders } from './parse-providers.util';
import { parseTierRates } from './parse-rates.util';
import { parseRouting } from './parse-routing.util';
import { parseTasks } from './parse-tasks.util';

const SECTIONS = ['tiers', 'providers', 'models', 'tasks', 'routing'] as const;

/**
 * Validates a catalog as loaded from YAML/JSON (the caller reads the file) and returns it typed,
 * prices in micro-credits per 1K tokens. Throws one CatalogError listing every problem.
 */
export function parseCatalog(raw: unknown): Catalog {
  const reader = new CatalogReader();
  const root = reader.object(raw, 'catalog', SECTIONS);
  if (!root) throw new CatalogError(reader.problems);
  const tierRates = parseTierRates(reader, root.tiers);
  const providers = parseProviders(reader, root.providers);
  const declaredProviders = new Set(isMapping(root.providers) ? Object.keys(root.providers) : []);
  const parsedModels = parseModels(reader, root.models, declaredProviders, providers);
  checkFallbacks(reader, parsedModels);
  const tasks = parseTasks(reader, root.tasks, parsedModels);
  const routing = parseRouting(reader, root.routing);
  if (reader.problems.length > 0 || !tierRates) throw new CatalogError(reader.problems);
  return {
    providers,
    models: parsedModels.models,
    embeddingModels: parsedModels.embeddingModels,
    tasks,
    tierRates: Object.freeze(tierRates),
    routing: Object.freeze(routing),
  };
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
