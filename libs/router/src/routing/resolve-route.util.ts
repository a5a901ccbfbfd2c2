import {
  InvalidRequestError,
  ModelNotFoundError,
  type Capability,
  type Catalog,
  type CatalogModel,
  type TaskType,
  type Tier,
} from '@switchyard/contracts';
import { type ModelHealth, rankByHealth } from './rank-by-health.util';
import { CAPABILITY_PARAM } from './required-capabilities.util';

export interface RouteRequest {
  model?: string;
  taskType?: TaskType;
  requires: readonly Capability[];
}

export interface ResolvedRoute {
  tier: Tier;
  /** The task type the client declared, or null when it named a model. */
  taskType: TaskType | null;
  /**
   * Models to try in order: capable ones only, healthy (and not slow) first. Never empty. For a
   * named model: the model itself, then its capable `fallbacks` (which may be of another tier);
   * there latency does not reorder, only an open circuit does: the client chose the model.
   */
  candidates: CatalogModel[];
}

/**
 * Picks the models that may serve a request: the named model, or the task type's candidates
 * that have every capability the task and the request need. Unhealthy candidates go last
 * rather than away, so a request still has somewhere to go when every breaker is open.
 */
export function resolveRoute(catalog: Catalog, request: RouteRequest, health?: ModelHealth): ResolvedRoute {
  if (request.model !== undefined && request.taskType !== undefined) {
    throw new InvalidRequestError('Specify either model or task_type, not both.', 'task_type');
  }
  if (request.model !== undefined) return routeToModel(catalog, request.model, request.requires, health);
  if (request.taskType !== undefined) return routeToTask(catalog, request.taskType, request.requires, health);
  throw new InvalidRequestError('Specify one of model or task_type.', 'model');
}

function routeToModel(
  catalog: Catalog,
  alias: string,
  requires: readonly Capability[],
  health?: ModelHealth,
): ResolvedRoute {
  const model = catalog.models.get(alias);
  if (!model && catalog.embeddingModels?.has(alias)) {
    throw new InvalidRequestError(`${alias} is an embedding model: it serves POST /v1/embeddings, not chat.`, 'model');
  }
  if (!model) throw new ModelNotFoundError(alias);
  const missing = requires.find((capability) => !model.capabilities.includes(capability));
  if (missing) {
    throw new InvalidRequestError(`Model ${alias} does not support ${missing}.`, CAPABILITY_PARAM[missing]);
  }
  const fallbacks = (model.fallbacks ?? [])
    .map((name) => catalog.models.get(name))
    .filter(
      (fallback): fallback is CatalogModel =>
        fallback !== undefined && requires.every((capability) => fallback.capabilities.includes(capability)),
    );
  return {
    tier: model.tier,
    taskType: null,
    candidates: healthyFirst([model, ...fallbacks], health, Number.POSITIVE_INFINITY),
  };
}

function routeToTask(
  catalog: Catalog,
  taskType: TaskType,
  requires: readonly Capability[],
  health?: ModelHealth,
): ResolvedRoute {
  const task = catalog.tasks.get(taskType);
  if (!task) throw new InvalidRequestError(`Unknown task_type: ${taskType}`, 'task_type');
  const needed = [...new Set([...task.requires, ...requires])];
  const models = task.candidates
    .map((alias) => catalog.models.get(alias))
    .filter((model): model is CatalogModel => model !== undefined);
  const capable = models.filter((model) => needed.every((capability) => model.capabilities.includes(capability)));
  if (capable.length === 0) {
    const unmet = requires.filter((capability) => !models.some((model) => model.capabilities.includes(capability)));
    // Name the field the client can change: a capability no candidate has, else the first one asked for.
    const blocking = unmet[0] ?? requires[0];
    const param = blocking ? CAPABILITY_PARAM[blocking] : 'task_type';
    throw new InvalidRequestError(`No model for task_type ${taskType} supports ${needed.join(' + ')}.`, param);
  }
  return { tier: task.tier, taskType, candidates: healthyFirst(capable, health, catalog.routing?.slowFactor) };
}

/** Stable: keeps the catalog's order within the healthy, slow and unhealthy groups. */
export function healthyFirst(
  models: readonly CatalogModel[],
  health?: ModelHealth,
  slowFactor?: number,
): CatalogModel[] {
  return rankByHealth(models, (model) => model.alias, health, slowFactor);
}
