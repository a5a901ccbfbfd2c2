import { rawCatalog, type RawCatalog } from '../testing/catalog.fixture';
import { CatalogError } from './catalog.error';
import { parseCatalog } from './parse-catalog.util';

function problemsOf(raw: unknown): readonly string[] {
  try {
    parseCatalog(raw);
  } catch (err) {
    if (err instanceof CatalogError) return err.problems;
    throw err;
  }
  throw new Error('expected a CatalogError');
}

function broken(edit: (raw: RawCatalog) => void): readonly string[] {
  const raw = rawCatalog();
  edit(raw);
  return problemsOf(raw);
}

describe(`${parseCatalog.name}: the problems it reports`, () => {
  it.each<[string, (raw: RawCatalog) => void, string[]]>([
    [
      'an image rule names no known field',
      (r) => (r.models[0].image_tokens = { tokens: 85 }),
      [
        'models[0] (core-fast).image_tokens: must be one of { base, per_tile } (OpenAI tiles), { per_patch, max_patches } (OpenAI patches) or { per_pixels, max } (pixels, as Anthropic)',
      ],
    ],
    [
      'an image rule mixes two rules',
      (r) => (r.models[0].image_tokens = { base: 85, max: 1600 }),
      [
        'models[0] (core-fast).image_tokens.max: unknown field (expected one of: base, per_tile)',
        'models[0] (core-fast).image_tokens.per_tile: must be a whole number ≥ 1, got nothing',
      ],
    ],
    [
      'an image rule has a bad value',
      (r) => (r.models[3].image_tokens = { per_patch: 2.4567, max_patches: 0 }),
      [
        'models[3] (pro-vision).image_tokens.per_patch: must be a positive number with at most 3 decimal places, got 2.4567',
        'models[3] (pro-vision).image_tokens.max_patches: must be a whole number ≥ 1, got 0',
      ],
    ],
    [
      'an image rule is not a mapping',
      (r) => (r.models[3].image_tokens = 85),
      ['models[3] (pro-vision).image_tokens: must be a mapping, got 85'],
    ],
    [
      'a model names an unknown provider',
      (r) => (r.models[0].provider = 'azure'),
      ['models[0] (core-fast).provider: unknown provider "azure" (known: simulated, openai, local)'],
    ],
    [
      'a model names an unknown tier',
      (r) => (r.models[2].tier = 'gold'),
      ['models[2] (local-core).tier: must be one of core, pro, ultra, got "gold"'],
    ],
    [
      'a task candidate is not a model',
      (r) => (r.tasks.creative.candidates = ['pro-vision', 'gpt-9']),
      ['tasks.creative.candidates[1]: "gpt-9" is not a model in the catalog'],
    ],
    [
      'a task candidate lacks the required capability',
      (r) => (r.tasks.image_gen.candidates = ['pro-tools', 'pro-vision']),
      ['tasks.image_gen.candidates[0] (pro-tools): lacks required capability vision'],
    ],
    [
      'a task candidate is of another tier',
      (r) => (r.tasks.summarize.candidates = ['pro-vision']),
      ['tasks.summarize.candidates[0] (pro-vision): is a pro model, but the task is core'],
    ],
    [
      'a task type is missing',
      (r) => delete r.tasks.web_browse,
      ['tasks.web_browse: missing (all 12 task types must be routed)'],
    ],
    [
      'a task type is unknown',
      (r) => (r.tasks.poetry = { tier: 'pro', candidates: ['pro-vision'] }),
      [
        'tasks.poetry: unknown field (expected one of: simple_chat, summarize, extract, translate, code_gen, tool_orchestrate, image_gen, file_ops, web_browse, creative, deep_reasoning, agentic_complex)',
      ],
    ],
    [
      'an alias is declared twice',
      (r) => r.models.push({ ...r.models[1] }),
      ['models[7] (core-text): duplicate alias "core-text"'],
    ],
    [
      'a price is not a decimal',
      (r) => (r.tiers.pro.input = '3,5'),
      [
        'tiers.pro.input: must be a non-negative decimal string with at most 6 decimal places (e.g. "1" or "0.0015"), got "3,5"',
      ],
    ],
    [
      'a price is negative',
      (r) => (r.models[6].pricing = { output: '-1' }),
      [
        'models[6] (ultra-b).pricing.output: must be a non-negative decimal string with at most 6 decimal places (e.g. "1" or "0.0015"), got "-1"',
      ],
    ],
    [
      'a price has more than 6 decimals',
      (r) => (r.tiers.core.input = '0.0000001'),
      [
        'tiers.core.input: must be a non-negative decimal string with at most 6 decimal places (e.g. "1" or "0.0015"), got "0.0000001"',
      ],
    ],
    ['a tier has no input price', (r) => (r.tiers.ultra = { output: '1' }), ['tiers.ultra.input: missing']],
    [
      'a tier is missing',
      (r) => delete r.tiers.core,
      ['tiers.core: missing (every tier needs at least an input price)'],
    ],
    [
      'a token limit is not a whole number',
      (r) => (r.models[3].context_window = 12.5),
      ['models[3] (pro-vision).context_window: must be a whole number ≥ 1, got 12.5'],
    ],
    [
      'max output exceeds the context window',
      (r) => (r.models[2].max_output_tokens = 9000),
      ['models[2] (local-core).max_output_tokens: 9000 exceeds context_window 8192'],
    ],
    [
      'a capability is unknown',
      (r) => (r.models[1].capabilities = ['streaming', 'audio']),
      ['models[1] (core-text).capabilities[1]: must be one of tools, vision, json_schema, streaming, got "audio"'],
    ],
    [
      'a field is misspelt',
      (r) => (r.models[0].capabilites = ['tools']),
      [
        'models[0] (core-fast).capabilites: unknown field (expected one of: alias, provider, upstream_model, tier, capabilities, context_window, max_output_tokens, pricing, image_tokens, fallbacks)',
      ],
    ],
    [
      'a provider kind is unknown',
      (r) => (r.providers.local.kind = 'bedrock'),
      ['providers.local.kind: must be one of openai, anthropic, simulated, got "bedrock"'],
    ],
    [
      'a base URL is not absolute',
      (r) => (r.providers.local.base_url = 'localhost:11434'),
      ['providers.local.base_url: must be an http or https URL, got "localhost:11434"'],
    ],
    [
      'an api key env name is not a variable name',
      (r) => (r.providers.openai.api_key_env = 'sk-123'),
      ['providers.openai.api_key_env: "sk-123" does not match /^[A-Z_][A-Z0-9_]*$/'],
    ],
    [
      'a task has no candidates',
      (r) => (r.tasks.extract.candidates = []),
      ['tasks.extract.candidates: must name at least one model'],
    ],
  ])('reports it when %s', (_case, edit, expected) => {
    expect(broken(edit)).toEqual(expected);
  });

  it('lists every problem at once, in one message', () => {
    const raw = rawCatalog();
    raw.models[0].provider = 'azure';
    raw.models[4].tier = 'gold';
    delete raw.tasks.creative;
    let thrown: unknown;
    try {
      parseCatalog(raw);
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(CatalogError);
    expect((thrown as CatalogError).message).toBe(
      [
        'Invalid model catalog (3 problems):',
        '  - models[0] (core-fast).provider: unknown provider "azure" (known: simulated, openai, local)',
        '  - models[4] (pro-tools).tier: must be one of core, pro, ultra, got "gold"',
        '  - tasks.creative: missing (all 12 task types must be routed)',
      ].join('\n'),
    );
  });

  it('reports a broken provider once, not again for each model using it', () => {
    expect(broken((r) => (r.providers.openai.timeout_ms = 0))).toEqual([
      'providers.openai.timeout_ms: must be a whole number ≥ 1, got 0',
    ]);
  });

  it('rejects input that is not a catalog at all', () => {
    expect(problemsOf([])).toEqual(['catalog: must be a mapping, got a list']);
    expect(problemsOf({})).toEqual([
      'tiers: must be a mapping, got nothing',
      'providers: must be a mapping, got nothing',
      'models: must be a list, got nothing',
      'tasks: must be a mapping, got nothing',
    ]);
  });
});
