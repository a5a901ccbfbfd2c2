import { ModelNotFoundError, TASK_TYPES } from '@switchyard/contracts';
import { parseCatalog } from '../catalog/parse-catalog.util';
import { DESIGN_TIERS, loadRepoCatalogYaml, rawCatalog } from '../testing/catalog.fixture';
import { describeModel, describeModels, describeTaskTypes } from './describe-catalog.util';

const catalog = parseCatalog(rawCatalog());

describe(describeTaskTypes.name, () => {
  it('lists the 12 task types of the repository catalog with their DESIGN tiers', () => {
    const rows = describeTaskTypes(parseCatalog(loadRepoCatalogYaml()));
    expect(rows.map((row) => [row.task_type, row.tier])).toEqual(
      TASK_TYPES.map((taskType) => [taskType, DESIGN_TIERS[taskType]]),
    );
  });

  it('shows candidates, requirements and the current route', () => {
    const rows = describeTaskTypes(catalog, new Map([['ultra-b', { healthy: false }]]));
    expect(rows.find((row) => row.task_type === 'agentic_complex')).toEqual({
      task_type: 'agentic_complex',
      tier: 'ultra',
      candidates: ['ultra-b', 'ultra-a'],
      requires: ['tools'],
      route: 'ultra-a',
    });
    expect(rows.find((row) => row.task_type === 'simple_chat')).toEqual({
      task_type: 'simple_chat',
      tier: 'core',
      candidates: ['core-text', 'core-fast'],
      requires: [],
      route: 'core-text',
    });
  });
});

describe(describeModels.name, () => {
  it('lists models in OpenAI shape with tier, limits, capabilities and effective prices', () => {
    const models = describeModels(catalog);
    expect(models.map((model) => model.id)).toEqual([
      'core-fast',
      'core-text',
      'local-core',
      'pro-vision',
      'pro-tools',
      'ultra-a',
      'ultra-b',
      'embed-small',
      'embed-local',
    ]);
    expect(models[4]).toEqual({
      id: 'pro-tools',
      object: 'model',
      created: 0,
      owned_by: 'openai',
      kind: 'chat',
      tier: 'pro',
      context_window: 1047576,
      max_output_tokens: 32768,
      capabilities: ['tools', 'json_schema', 'streaming'],
      pricing: { input_per_1k: '3.000000', output_per_1k: '0.500000', cached_input_per_1k: '0.250000' },
    });
  });

  it('shows an embedding model with its kind, dimensions, limits and input price', () => {
    expect(describeModel(catalog, 'embed-small')).toEqual({
      id: 'embed-small',
      object: 'model',
      created: 0,
      owned_by: 'openai',
      kind: 'embedding',
      tier: 'core',
      dimensions: 1536,
      accepts_dimensions: true,
      max_inputs: 2048,
      max_input_tokens: 8192,
      max_total_tokens: 300000,
      pricing: { input_per_1k: '0.020000' },
    });
  });

  it('applies a model price override over its tier', () => {
    expect(describeModel(catalog, 'ultra-b').pricing).toEqual({
      input_per_1k: '6.500000',
      output_per_1k: '0.001500',
      cached_input_per_1k: '0.000000',
    });
  });

  it('answers model_not_found for an unknown id', () => {
    expect(() => describeModel(catalog, 'gpt-9')).toThrow(ModelNotFoundError);
  });
});
