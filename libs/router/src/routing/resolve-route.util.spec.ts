import {
  InvalidRequestError,
  ModelNotFoundError,
  TASK_TYPES,
  type Catalog,
  type TaskType,
  type Tier,
} from '@switchyard/contracts';
import { parseCatalog } from '../catalog/parse-catalog.util';
import { DESIGN_TIERS, loadRepoCatalogYaml, rawCatalog } from '../testing/catalog.fixture';
import { resolveRoute } from './resolve-route.util';

const repoCatalog = parseCatalog(loadRepoCatalogYaml());
const handBuilt = parseCatalog(rawCatalog());

function aliases(
  catalog: Catalog,
  request: Parameters<typeof resolveRoute>[1],
  health?: Parameters<typeof resolveRoute>[2],
): string[] {
  return resolveRoute(catalog, request, health).candidates.map((model) => model.alias);
}

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

describe(resolveRoute.name, () => {
  describe('the repository catalog', () => {
    const firstRoute: Record<TaskType, string> = {
      simple_chat: 'gpt-4o-mini',
      summarize: 'gpt-4.1-nano',
      extract: 'gpt-4o-mini',
      translate: 'gpt-4o-mini',
      code_gen: 'gpt-4.1',
      tool_orchestrate: 'gpt-4.1',
      image_gen: 'gpt-4o',
      file_ops: 'gpt-4.1',
      web_browse: 'gpt-4o',
      creative: 'gpt-4o',
      deep_reasoning: 'o3',
      agentic_complex: 'gpt-5',
    };

    it.each(TASK_TYPES.map((taskType) => [taskType, DESIGN_TIERS[taskType], firstRoute[taskType]] as const))(
      'routes %s to the %s tier, first to %s',
      (taskType, tier, first) => {
        const route = resolveRoute(repoCatalog, { taskType, requires: [] });
        expect(route.tier).toBe(tier);
        expect(route.taskType).toBe(taskType);
        expect(route.candidates[0].alias).toBe(first);
        expect(route.candidates.every((model) => model.tier === tier)).toBe(true);
      },
    );

    it('skips the candidate without vision when the request carries an image', () => {
      expect(aliases(repoCatalog, { taskType: 'simple_chat', requires: [] })).toEqual([
        'gpt-4o-mini',
        'gpt-4.1-nano',
        'claude-haiku',
        'gpt-3.5-turbo',
      ]);
      expect(aliases(repoCatalog, { taskType: 'simple_chat', requires: ['vision'] })).toEqual([
        'gpt-4o-mini',
        'gpt-4.1-nano',
        'claude-haiku',
      ]);
      expect(aliases(repoCatalog, { taskType: 'code_gen', requires: ['vision'] })).toEqual([
        'gpt-4.1',
        'claude-sonnet',
        'gpt-4o',
      ]);
    });
  });

  describe('a hand-built catalog', () => {
    const expected: Record<TaskType, [Tier, string]> = {
      simple_chat: ['core', 'core-text'],
      summarize: ['core', 'local-core'],
      extract: ['core', 'core-fast'],
      translate: ['core', 'core-text'],
      code_gen: ['pro', 'pro-tools'],
      tool_orchestrate: ['pro', 'pro-tools'],
      image_gen: ['pro', 'pro-vision'],
      file_ops: ['pro', 'pro-tools'],
      web_browse: ['pro', 'pro-vision'],
      creative: ['pro', 'pro-vision'],
      deep_reasoning: ['ultra', 'ultra-a'],
      agentic_complex: ['ultra', 'ultra-b'],
    };

    it.each(TASK_TYPES.map((taskType) => [taskType, ...expected[taskType]] as const))(
      'routes %s to the %s tier, first to %s',
      (taskType, tier, first) => {
        const route = resolveRoute(handBuilt, { taskType, requires: [] });
        expect(route.tier).toBe(tier);
        expect(route.tier).toBe(DESIGN_TIERS[taskType]);
        expect(route.candidates[0].alias).toBe(first);
      },
    );

    it('keeps only candidates with every capability the request needs, in catalog order', () => {
      expect(aliases(handBuilt, { taskType: 'simple_chat', requires: ['tools'] })).toEqual(['core-fast']);
      expect(aliases(handBuilt, { taskType: 'deep_reasoning', requires: ['vision', 'json_schema'] })).toEqual([
        'ultra-a',
      ]);
      expect(aliases(handBuilt, { taskType: 'deep_reasoning', requires: ['streaming'] })).toEqual([
        'ultra-a',
        'ultra-b',
      ]);
    });

    it('combines the task requirements with the request requirements', () => {
      expect(aliases(handBuilt, { taskType: 'agentic_complex', requires: ['vision'] })).toEqual(['ultra-a']);
      expect(aliases(handBuilt, { taskType: 'web_browse', requires: ['streaming'] })).toEqual(['pro-tools']);
    });

    it('refuses a task whose candidates all lack a capability, naming the request field', () => {
      const err = thrownBy(() => resolveRoute(handBuilt, { taskType: 'image_gen', requires: ['tools'] }));
      expect(err).toBeInstanceOf(InvalidRequestError);
      expect(err).toMatchObject({
        code: 'invalid_request',
        param: 'tools',
        message: 'No model for task_type image_gen supports vision + tools.',
      });
      expect(
        thrownBy(() => resolveRoute(handBuilt, { taskType: 'summarize', requires: ['json_schema'] })),
      ).toMatchObject({ param: 'response_format' });
      expect(thrownBy(() => resolveRoute(handBuilt, { taskType: 'creative', requires: ['streaming'] }))).toMatchObject({
        param: 'stream',
      });
    });

    it('names the first capability asked for when only the combination is unavailable', () => {
      const err = thrownBy(() => resolveRoute(handBuilt, { taskType: 'web_browse', requires: ['vision', 'tools'] }));
      expect(err).toMatchObject({
        param: 'messages',
        message: 'No model for task_type web_browse supports vision + tools.',
      });
    });

    it('moves unhealthy candidates last instead of dropping them', () => {
      const health = new Map([
        ['core-text', { healthy: false }],
        ['core-fast', { healthy: true }],
      ]);
      expect(aliases(handBuilt, { taskType: 'simple_chat', requires: [] }, health)).toEqual(['core-fast', 'core-text']);
      expect(aliases(handBuilt, { taskType: 'translate', requires: [] }, health)).toEqual(['local-core', 'core-text']);
    });

    it('keeps the catalog order when every candidate is unhealthy', () => {
      const health = new Map([
        ['ultra-a', { healthy: false }],
        ['ultra-b', { healthy: false }],
      ]);
      expect(aliases(handBuilt, { taskType: 'deep_reasoning', requires: [] }, health)).toEqual(['ultra-a', 'ultra-b']);
    });

    it('serves a named model alone, at its own tier, with no task type', () => {
      const unhealthy = new Map([['pro-tools', { healthy: false }]]);
      const route = resolveRoute(
        handBuilt,
        { model: 'pro-tools', requires: ['tools', 'json_schema', 'streaming'] },
        unhealthy,
      );
      expect(route).toEqual({ tier: 'pro', taskType: null, candidates: [handBuilt.models.get('pro-tools')] });
    });

    it.each([
      ['tools', 'tools', 'core-text'],
      ['vision', 'messages', 'pro-tools'],
      ['json_schema', 'response_format', 'ultra-b'],
      ['streaming', 'stream', 'pro-vision'],
    ] as const)('refuses a named model lacking %s, naming the %s field', (capability, param, model) => {
      const err = thrownBy(() => resolveRoute(handBuilt, { model, requires: [capability] }));
      expect(err).toBeInstanceOf(InvalidRequestError);
      expect(err).toMatchObject({ param, message: `Model ${model} does not support ${capability}.` });
    });

    it('answers model_not_found for an unknown alias', () => {
      const err = thrownBy(() => resolveRoute(handBuilt, { model: 'gpt-9', requires: [] }));
      expect(err).toBeInstanceOf(ModelNotFoundError);
      expect(err).toMatchObject({ code: 'model_not_found', param: 'model', message: 'Unknown model: gpt-9' });
    });

    it('refuses an embedding model with a 400 that says where it belongs', () => {
      const err = thrownBy(() => resolveRoute(handBuilt, { model: 'embed-small', requires: [] }));
      expect(err).toBeInstanceOf(InvalidRequestError);
      expect(err).toMatchObject({
        param: 'model',
        message: 'embed-small is an embedding model: it serves POST /v1/embeddings, not chat.',
      });
    });

    it('refuses a request naming both a model and a task type, or neither', () => {
      expect(
        thrownBy(() => resolveRoute(handBuilt, { model: 'core-fast', taskType: 'extract', requires: [] })),
      ).toMatchObject({ code: 'invalid_request', param: 'task_type' });
      expect(thrownBy(() => resolveRoute(handBuilt, { requires: [] }))).toMatchObject({
        code: 'invalid_request',
        param: 'model',
      });
    });
  });
});
