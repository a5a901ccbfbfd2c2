import { TASK_TYPES } from '@switchyard/contracts';
import { loadRepoCatalogYaml, rawCatalog } from '../testing/catalog.fixture';
import { parseCatalog } from './parse-catalog.util';

describe(parseCatalog.name, () => {
  it('accepts the repository catalog with every task type routed', () => {
    const catalog = parseCatalog(loadRepoCatalogYaml());
    expect([...catalog.tasks.keys()]).toEqual([...TASK_TYPES]);
    expect(catalog.tierRates).toEqual({
      core: { inputPer1kMicro: 1_000_000n, outputPer1kMicro: 0n, cachedInputPer1kMicro: 0n },
      pro: { inputPer1kMicro: 3_000_000n, outputPer1kMicro: 0n, cachedInputPer1kMicro: 0n },
      ultra: { inputPer1kMicro: 8_000_000n, outputPer1kMicro: 0n, cachedInputPer1kMicro: 0n },
    });
    for (const tier of ['core', 'pro', 'ultra']) {
      expect([...catalog.models.values()].filter((m) => m.tier === tier).length).toBeGreaterThanOrEqual(2);
    }
  });

  it("prices the repository models' images as their providers bill them", () => {
    const { models } = parseCatalog(loadRepoCatalogYaml());
    expect(models.get('gpt-4o-mini')?.imageTokens).toEqual({ kind: 'tiles', baseTokens: 2833, tileTokens: 5667 });
    expect(models.get('gpt-4.1-nano')?.imageTokens).toEqual({
      kind: 'patches',
      milliTokensPerPatch: 2460,
      maxPatches: 1536,
    });
    expect(models.get('gpt-4o')?.imageTokens).toEqual({ kind: 'tiles', baseTokens: 85, tileTokens: 170 });
    for (const alias of ['claude-haiku', 'claude-sonnet', 'claude-opus'])
      expect(models.get(alias)?.imageTokens).toEqual({ kind: 'pixels', pixelsPerToken: 750, maxTokens: 1600 });
  });

  it('types every field of a model, provider and task', () => {
    const catalog = parseCatalog(rawCatalog());
    expect(catalog.models.get('ultra-b')).toEqual({
      alias: 'ultra-b',
      provider: 'simulated',
      upstreamModel: 'gpt-5',
      tier: 'ultra',
      capabilities: ['tools', 'streaming'],
      contextWindow: 400000,
      maxOutputTokens: 128000,
      imageTokens: { kind: 'tiles', baseTokens: 85, tileTokens: 170 },
      pricing: { inputPer1kMicro: 6_500_000n, outputPer1kMicro: 1_500n },
    });
    expect(catalog.models.get('local-core')?.upstreamModel).toBe('local-core');
    expect(catalog.models.get('core-fast')?.pricing).toBeUndefined();
    expect(catalog.providers.get('openai')).toEqual({
      name: 'openai',
      kind: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      apiKeyEnv: 'OPENAI_API_KEY',
      timeoutMs: 30000,
      totalTimeoutMs: 600000, // the default: no call is unbounded
    });
    expect(catalog.providers.get('local')).toEqual({
      name: 'local',
      kind: 'openai',
      baseUrl: 'http://127.0.0.1:11434/v1',
      timeoutMs: 60000,
      totalTimeoutMs: 600000,
    });
    expect(catalog.tasks.get('agentic_complex')).toEqual({
      taskType: 'agentic_complex',
      tier: 'ultra',
      candidates: ['ultra-b', 'ultra-a'],
      requires: ['tools'],
    });
    expect(catalog.tasks.get('simple_chat')?.requires).toEqual([]);
    expect(catalog.tierRates.pro).toEqual({
      inputPer1kMicro: 3_000_000n,
      outputPer1kMicro: 500_000n,
      cachedInputPer1kMicro: 250_000n,
    });
    expect(catalog.tierRates.ultra).toEqual({
      inputPer1kMicro: 8_000_000n,
      outputPer1kMicro: 0n,
      cachedInputPer1kMicro: 0n,
    });
  });

  it('accepts prices written as YAML numbers without losing precision', () => {
    const raw = rawCatalog();
    raw.tiers.core = { input: 1, output: 0.0015 };
    expect(parseCatalog(raw).tierRates.core).toEqual({
      inputPer1kMicro: 1_000_000n,
      outputPer1kMicro: 1_500n,
      cachedInputPer1kMicro: 0n,
    });
  });

  it('prices images by the rule a model names, or by the default of its provider kind', () => {
    const raw = rawCatalog();
    raw.providers.claude = {
      kind: 'anthropic',
      base_url: 'https://api.anthropic.com/v1',
      api_key_env: 'ANTHROPIC_API_KEY',
    };
    raw.models[1].provider = 'claude';
    raw.models[0].image_tokens = { base: 2833, per_tile: 5667 };
    raw.models[3].image_tokens = { per_patch: 2.46, max_patches: 1536 };
    raw.models[4].image_tokens = { per_pixels: 750, max: 1600 };
    raw.models[5].image_tokens = { per_patch: '1.5', max_patches: 1536 };
    const rules = Object.fromEntries([...parseCatalog(raw).models].map(([alias, m]) => [alias, m.imageTokens]));
    expect(rules).toEqual({
      'core-fast': { kind: 'tiles', baseTokens: 2833, tileTokens: 5667 },
      'core-text': { kind: 'pixels', pixelsPerToken: 750, maxTokens: 1600 },
      'local-core': { kind: 'tiles', baseTokens: 85, tileTokens: 170 },
      'pro-vision': { kind: 'patches', milliTokensPerPatch: 2460, maxPatches: 1536 },
      'pro-tools': { kind: 'pixels', pixelsPerToken: 750, maxTokens: 1600 },
      'ultra-a': { kind: 'patches', milliTokensPerPatch: 1500, maxPatches: 1536 },
      'ultra-b': { kind: 'tiles', baseTokens: 85, tileTokens: 170 },
    });
  });
});
