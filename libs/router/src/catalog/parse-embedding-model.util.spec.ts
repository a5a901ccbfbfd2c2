import { loadRepoCatalogYaml, rawCatalog, type RawCatalog } from '../testing/catalog.fixture';
import { CatalogError } from './catalog.error';
import { parseCatalog } from './parse-catalog.util';

function problemsOf(edit: (raw: RawCatalog) => void): readonly string[] {
  const raw = rawCatalog();
  edit(raw);
  try {
    parseCatalog(raw);
  } catch (err) {
    if (err instanceof CatalogError) return err.problems;
    throw err;
  }
  throw new Error('expected a CatalogError');
}

const embedSmall = (raw: RawCatalog): Record<string, unknown> => {
  const entry = raw.models.find((model) => model.alias === 'embed-small');
  if (!entry) throw new Error('fixture lost embed-small');
  return entry;
};

describe('embedding models in the catalog', () => {
  it('types an embedding model, keeps it out of the chat models and applies the default limits', () => {
    const catalog = parseCatalog(rawCatalog());
    expect(catalog.embeddingModels?.get('embed-small')).toEqual({
      kind: 'embedding',
      alias: 'embed-small',
      provider: 'openai',
      upstreamModel: 'text-embedding-3-small',
      tier: 'core',
      inputPer1kMicro: 20_000n,
      dimensions: 1536,
      acceptsDimensions: true,
      maxInputs: 2048,
      maxInputTokens: 8192,
      maxTotalTokens: 300_000,
    });
    expect(catalog.embeddingModels?.get('embed-local')).toEqual({
      kind: 'embedding',
      alias: 'embed-local',
      provider: 'local',
      upstreamModel: 'embed-local',
      tier: 'core',
      dimensions: 64,
      acceptsDimensions: false,
      maxInputs: 16,
      maxInputTokens: 256,
      maxTotalTokens: 1024,
    });
    expect(catalog.models.has('embed-small')).toBe(false);
  });

  it('serves the repository catalog’s OpenAI embedding models', () => {
    const { embeddingModels } = parseCatalog(loadRepoCatalogYaml());
    expect([...(embeddingModels?.keys() ?? [])]).toEqual([
      'text-embedding-3-small',
      'text-embedding-3-large',
      'text-embedding-ada-002',
    ]);
    expect(embeddingModels?.get('text-embedding-ada-002')?.acceptsDimensions).toBe(false);
  });

  it('refuses an embedding model on a provider without embeddings (Anthropic)', () => {
    const problems = problemsOf((raw) => {
      raw.providers.claude = { kind: 'anthropic', base_url: 'https://api.anthropic.com/v1' };
      embedSmall(raw).provider = 'claude';
    });
    expect(problems).toEqual(['models[7] (embed-small).provider: an anthropic provider has no embeddings endpoint']);
  });

  it('refuses a task route or a fallback naming an embedding model', () => {
    const problems = problemsOf((raw) => {
      raw.tasks.simple_chat.candidates = ['core-text', 'embed-small'];
      raw.models[0].fallbacks = ['embed-local'];
    });
    expect(problems).toEqual([
      'models (core-fast).fallbacks[0]: "embed-local" is an embedding model',
      'tasks.simple_chat.candidates[1] (embed-small): is an embedding model; tasks route chat models',
    ]);
  });

  it.each([
    [{ kind: 'vector' }, 'models[7] (embed-small).kind: must be one of chat, embedding, got "vector"'],
    [{ dimensions: 0 }, 'models[7] (embed-small).dimensions: must be a whole number ≥ 1, got 0'],
    [{ accepts_dimensions: 'yes' }, 'models[7] (embed-small).accepts_dimensions: must be true or false, got "yes"'],
    [{ max_inputs: -1 }, 'models[7] (embed-small).max_inputs: must be a whole number ≥ 1, got -1'],
    [{ max_total_tokens: 100 }, 'models[7] (embed-small).max_total_tokens: 100 is below max_input_tokens 8192'],
    [{ pricing: { output: '1' } }, 'models[7] (embed-small).pricing: an embedding model is priced by input only'],
    [
      { context_window: 8192 },
      'models[7] (embed-small).context_window: unknown field (expected one of: alias, kind, provider, upstream_model, tier, pricing, dimensions, accepts_dimensions, max_inputs, max_input_tokens, max_total_tokens)',
    ],
  ])('reports %j on an embedding model', (edit, problem) => {
    expect(problemsOf((raw) => Object.assign(embedSmall(raw), edit))).toEqual([problem]);
  });

  it('keeps aliases unique across kinds', () => {
    const problems = problemsOf((raw) => {
      embedSmall(raw).alias = 'core-fast';
    });
    expect(problems).toEqual(['models[7] (core-fast): duplicate alias "core-fast"']);
  });
});
