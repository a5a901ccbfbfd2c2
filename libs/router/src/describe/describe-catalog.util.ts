import {
  formatCredits,
  ModelNotFoundError,
  type Capability,
  type Catalog,
  type CatalogModel,
  type EmbeddingModel,
  type TaskType,
  type Tier,
} from '@switchyard/contracts';
import { embeddingInputRate, modelRates } from '../catalog/model-rates.util';
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
  kind: 'chat';
  tier: Tier;
  context_window: number;
  max_output_tokens: number;
  capabilities: Capability[];
  /** Credits per 1K tokens, decimal strings. */
  pricing: { input_per_1k: string; output_per_1k: string; cached_input_per_1k: string };
}

/** One embedding model of `GET /v1/models`: its vector size and limits, priced per input token. */
export interface EmbeddingModelDescription {
  id: string;
  object: 'model';
  created: number;
  owned_by: string;
  kind: 'embedding';
  tier: Tier;
  dimensions: number;
  /** Whether a request's `dimensions` may shorten the vectors. */
  accepts_dimensions: boolean;
  max_inputs: number;
  max_input_tokens: number;
  max_total_tokens: number;
  pricing: { input_per_1k: string };
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

/** Chat models, then embedding models, each in catalog order. */
export function describeModels(catalog: Catalog): Array<ModelDescription | EmbeddingModelDescription> {
  return [
    ...[...catalog.models.values()].map((model) => describeModelEntry(catalog, model)),
    ...[...(catalog.embeddingModels?.values() ?? [])].map((model) => describeEmbeddingModel(catalog, model)),
  ];
}

/** `GET /v1/models/:id`; throws ModelNotFoundError (404) for an unknown alias. */
export function describeModel(catalog: Catalog, alias: string): ModelDescription | EmbeddingModelDescription {
  const model = catalog.models.get(alias);
  if (model) return describeModelEntry(catalog, model);
  const embedding = catalog.embeddingModels?.get(alias);
  if (embedding) return describeEmbeddingModel(catalog, embedding);
  throw new ModelNotFoundError(alias);
}

function describeEmbeddingModel(catalog: Catalog, model: EmbeddingModel): EmbeddingModelDescription {
  return {
    id: model.alias,
    object: 'model',
    created: 0,
    owned_by: model.provider,
    kind: 'embedding',
    tier: model.tier,
    dimensions: model.dimensions,
    accepts_dimensions: model.acceptsDimensions,
    max_inputs: model.maxInputs,
    max_input_tokens: model.maxInputTokens,
    max_total_tokens: model.maxTotalTokens,
    pricing: { input_per_1k: formatCredits(embeddingInputRate(catalog, model)) },
  };
}

function describeModelEntry(catalog: Catalog, model: CatalogModel): ModelDescription {
  const rates = modelRates(catalog, model);
  return {
    id: model.alias,
    object: 'model',
    // The catalog has no release dates; 0 keeps the OpenAI shape without inventing one.
    created: 0,
    owned_by: model.provider,
    kind: 'chat',
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
