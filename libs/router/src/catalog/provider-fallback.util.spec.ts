import { rawCatalog } from '../testing/catalog.fixture';
import { parseCatalog } from './parse-catalog.util';
import { withProviderFallback } from './provider-fallback.util';

const SIMULATED_URL = 'http://sim.internal:4000/v1';

describe(withProviderFallback.name, () => {
  it('serves every model whose provider key is missing from the simulated provider, keeping its identity', () => {
    const catalog = parseCatalog(rawCatalog());
    const { catalog: served, simulated } = withProviderFallback(catalog, {
      availableApiKeyEnvs: new Set(),
      simulatedBaseUrl: `${SIMULATED_URL}/`,
    });

    expect(simulated).toEqual(['core-fast', 'core-text', 'pro-vision', 'pro-tools', 'ultra-a', 'embed-small']);
    expect(served.embeddingModels?.get('embed-small')).toEqual({
      ...catalog.embeddingModels?.get('embed-small'),
      provider: 'simulated',
    });
    expect(served.embeddingModels?.get('embed-local')).toBe(catalog.embeddingModels?.get('embed-local'));
    expect(served.models.get('core-fast')).toEqual({ ...catalog.models.get('core-fast'), provider: 'simulated' });
    expect(served.models.get('core-fast')?.upstreamModel).toBe('gpt-4o-mini');
    // No key needed: left alone.
    expect(served.models.get('local-core')).toBe(catalog.models.get('local-core'));
    expect(served.models.get('ultra-b')).toBe(catalog.models.get('ultra-b'));
    expect(served.providers.get('simulated')).toEqual({
      name: 'simulated',
      kind: 'simulated',
      baseUrl: SIMULATED_URL,
      timeoutMs: 5000,
      totalTimeoutMs: 600000,
    });
    expect(served.tasks).toBe(catalog.tasks);
    expect(served.tierRates).toBe(catalog.tierRates);
  });

  it('keeps the timeouts the catalog gives the simulated provider', () => {
    const raw = rawCatalog();
    raw.providers.simulated = { ...raw.providers.simulated, connect_timeout_ms: 100, total_timeout_ms: 90_000 };
    const { catalog: served } = withProviderFallback(parseCatalog(raw), {
      availableApiKeyEnvs: new Set(),
      simulatedBaseUrl: SIMULATED_URL,
    });
    expect(served.providers.get('simulated')).toEqual({
      name: 'simulated',
      kind: 'simulated',
      baseUrl: SIMULATED_URL,
      timeoutMs: 5000,
      connectTimeoutMs: 100,
      totalTimeoutMs: 90_000,
    });
  });

  it('changes nothing but the simulated base URL when every key is present', () => {
    const catalog = parseCatalog(rawCatalog());
    const { catalog: served, simulated } = withProviderFallback(catalog, {
      availableApiKeyEnvs: new Set(['OPENAI_API_KEY']),
      simulatedBaseUrl: SIMULATED_URL,
    });
    expect(simulated).toEqual([]);
    expect([...served.models.values()]).toEqual([...catalog.models.values()]);
    expect(served.providers.get('openai')).toBe(catalog.providers.get('openai'));
    expect(served.providers.get('simulated')?.baseUrl).toBe(SIMULATED_URL);
  });

  it('adds the simulated provider when the catalog declares none, and leaves the input catalog untouched', () => {
    const raw = rawCatalog();
    delete raw.providers.simulated;
    raw.models[6].provider = 'local';
    const catalog = parseCatalog(raw);
    const { catalog: served } = withProviderFallback(catalog, {
      availableApiKeyEnvs: new Set(),
      simulatedBaseUrl: SIMULATED_URL,
    });
    expect(served.providers.get('simulated')).toEqual({
      name: 'simulated',
      kind: 'simulated',
      baseUrl: SIMULATED_URL,
      timeoutMs: 60000,
      totalTimeoutMs: 600000,
    });
    expect(catalog.providers.has('simulated')).toBe(false);
    expect(catalog.models.get('ultra-a')?.provider).toBe('openai');
  });
});
