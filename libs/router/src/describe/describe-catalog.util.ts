import {
  formatCredits,
  ModelNotFoundError,
  type Capability,
  type Catalog,
  type CatalogModel,
  type TaskType,
  type Tier,
} from '@switchyard/contracts';
import { modelRates } from '../catalog/model-rates.util';
import type { ModelHealth } from '../routing/rank-by-health.util';
import { healthyFirst } from '../routing/resolve-route.util';

/** One row of `GET /v1/task-types`. */
export interface TaskTypeDescription {
  task_type: TaskType;
  tier: Tier;
  candidates: string[];
  requires: Capability[];
  /** The model a request for this task would try first right now. */
  route: string | null;
}

/** One item of `GET /v1/models`: OpenAI's model object plus Switchyard's routing and price facts. */
export interface ModelDescription {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  tier: Tier;
  context_window: number;
  max_output_tokens: number;
  capabilities: Capability[];
  /** Credits per 1K tokens, decimal strings. */
  pricing: { input_per_1k: string; output_per_1k: string; cached_input_per_1k: string };
}

export function describeTaskTypes(catalog: Catalog, health?: ModelHealth): TaskTypeDescription[] {
  return [...catalog.tasks.values()].map((task) => {
    const models = task.candidates
      .map((alias) => catalog.models.get(alias))
      .filter((model): model is CatalogModel => model !== undefined);
    return {
      task_type: task.taskType,
      tier: task.tier,
      candidates: [...task.candidates],
      requires: [...task.requires],
      route: healthyFirst(models, health)[0]?.alias ?? null,
    };
  });
}

export function describeModels(catalog: Catalog): ModelDescription[] {
  return [...catalog.models.values()].map((model) => describeModelEntry(catalog, model));
}

/** `GET /v1/models/:id`; throws ModelNotFoundError (404) for an unknown alias. */
export function describeModel(catalog: Catalog, alias: string): ModelDescription {
  const model = catalog.models.get(alias);
  if (!model) throw new ModelNotFoundError(alias);
  return describeModelEntry(catalog, model);
}

function describeModelEntry(catalog: Catalog, model: CatalogModel): ModelDescription {
  const rates = modelRates(catalog, model);
  return {
    id: model.alias,
    object: 'model',
    // The catalog has no release dates; 0 keeps the OpenAI shape without inventing one.
    created: 0,
    owned_by: model.provider,
    tier: model.tier,
    context_window: model.contextWindow,
    max_output_tokens: model.maxOutputTokens,
    capabilities: [...model.capabilities],
    pricing: {
      input_per_1k: formatCredits(rates.inputPer1kMicro),
      output_per_1k: formatCredits(rates.outputPer1kMicro),
      cached_input_per_1k: formatCredits(rates.cachedInputPer1kMicro),
    },
  };
}
