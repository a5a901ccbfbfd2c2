import { TASK_TYPES, TIERS, type CatalogModel, type TaskRoute, type TaskType } from '@switchyard/contracts';
import type { CatalogReader } from './catalog-reader.util';
import type { ParsedModels } from './parse-models.util';

const TASK_FIELDS = ['tier', 'candidates', 'requires'] as const;

/**
 * The `tasks` section: all 12 task types, each with its tier, an ordered candidate list and
 * required capabilities. Candidates must be models of the task's tier (the tier is what the
 * client is charged and what `x-switchyard-tier` reports) that have every required capability.
 */
export function parseTasks(
  reader: CatalogReader,
  value: unknown,
  { models, embeddingModels, declaredAliases }: ParsedModels,
): Map<TaskType, TaskRoute> {
  const tasks = new Map<TaskType, TaskRoute>();
  const fields = reader.object(value, 'tasks', TASK_TYPES);
  if (!fields) return tasks;
  for (const taskType of TASK_TYPES) {
    const path = `tasks.${taskType}`;
    if (fields[taskType] === undefined) {
      reader.report(path, 'missing (all 12 task types must be routed)');
      continue;
    }
    const entry = reader.object(fields[taskType], path, TASK_FIELDS);
    if (!entry) continue;
    const tier = reader.oneOf(entry.tier, TIERS, `${path}.tier`);
    const requires = reader.capabilities(entry.requires ?? [], `${path}.requires`);
    const candidates = parseCandidates(reader, entry.candidates, `${path}.candidates`, declaredAliases);
    if (!tier || !requires || !candidates) continue;
    candidates.forEach((alias, index) => {
      const model = models.get(alias);
      if (embeddingModels.has(alias))
        reader.report(`${path}.candidates[${index}] (${alias})`, 'is an embedding model; tasks route chat models');
      else if (model) checkCandidate(reader, model, `${path}.candidates[${index}] (${alias})`, tier, requires);
    });
    tasks.set(taskType, { taskType, tier, candidates: Object.freeze(candidates), requires: Object.freeze(requires) });
  }
  return tasks;
}

function parseCandidates(
  reader: CatalogReader,
  value: unknown,
  path: string,
  declaredAliases: ReadonlySet<string>,
): string[] | undefined {
  const list = reader.array(value, path);
  if (!list) return undefined;
  if (list.length === 0) {
    reader.report(path, 'must name at least one model');
    return undefined;
  }
  const candidates: string[] = [];
  let valid = true;
  list.forEach((item, index) => {
    const alias = reader.string(item, `${path}[${index}]`);
    if (alias === undefined) valid = false;
    else if (!declaredAliases.has(alias)) {
      reader.report(`${path}[${index}]`, `${JSON.stringify(alias)} is not a model in the catalog`);
      valid = false;
    } else if (candidates.includes(alias))
      reader.report(`${path}[${index}]`, `${JSON.stringify(alias)} is listed twice`);
    else candidates.push(alias);
  });
  return valid ? candidates : undefined;
}

function checkCandidate(
  reader: CatalogReader,
  model: CatalogModel,
  path: string,
  tier: string,
  requires: readonly string[],
): void {
  if (model.tier !== tier) reader.report(path, `is a ${model.tier} model, but the task is ${tier}`);
  const missing = requires.filter((capability) => !(model.capabilities as readonly string[]).includes(capability));
  if (missing.length > 0) reader.report(path, `lacks required capability ${missing.join(', ')}`);
}
