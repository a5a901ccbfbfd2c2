import { DEFAULT_ROUTING_POLICY } from '@switchyard/contracts';
import { parseCatalog } from '../catalog/parse-catalog.util';
import { rawCatalog } from '../testing/catalog.fixture';
import { rankByHealth } from './rank-by-health.util';
import { resolveRoute } from './resolve-route.util';

const alias = (name: string): string => name;

describe(rankByHealth.name, () => {
  it.each([
    ['no health data keeps the preference order', undefined, ['a', 'b', 'c']],
    ['an open circuit goes last', new Map([['a', { healthy: false }]]), ['b', 'c', 'a']],
    [
      'a candidate 4× slower than the fastest goes after the others',
      new Map([
        ['a', { healthy: true, latencyEwmaMs: 900 }],
        ['b', { healthy: true, latencyEwmaMs: 200 }],
      ]),
      ['b', 'c', 'a'],
    ],
    [
      'a little slower keeps its place',
      new Map([
        ['a', { healthy: true, latencyEwmaMs: 300 }],
        ['b', { healthy: true, latencyEwmaMs: 200 }],
      ]),
      ['a', 'b', 'c'],
    ],
    [
      'slow but healthy still comes before an open circuit',
      new Map([
        ['a', { healthy: true, latencyEwmaMs: 5000 }],
        ['b', { healthy: false }],
        ['c', { healthy: true, latencyEwmaMs: 100 }],
      ]),
      ['c', 'a', 'b'],
    ],
  ])('%s', (_case, health, expected) => {
    expect(rankByHealth(['a', 'b', 'c'], alias, health)).toEqual(expected);
  });
});

describe('catalog fallbacks, provider timeouts and the routing policy', () => {
  function catalogWith(edit: (raw: ReturnType<typeof rawCatalog>) => void) {
    const raw = rawCatalog();
    edit(raw);
    return parseCatalog(raw);
  }

  it('routes a named model to itself, then its capable fallbacks', () => {
    const catalog = catalogWith((r) => (r.models[0].fallbacks = ['core-text', 'pro-tools']));
    const plain = resolveRoute(catalog, { model: 'core-fast', requires: [] });
    expect(plain.candidates.map((m) => m.alias)).toEqual(['core-fast', 'core-text', 'pro-tools']);
    const withTools = resolveRoute(catalog, { model: 'core-fast', requires: ['tools'] });
    expect(withTools.candidates.map((m) => m.alias)).toEqual(['core-fast', 'pro-tools']);
  });

  it('tries a named model after its fallbacks while its circuit is open, but never reorders by latency', () => {
    const catalog = catalogWith((r) => (r.models[0].fallbacks = ['core-text']));
    const open = resolveRoute(
      catalog,
      { model: 'core-fast', requires: [] },
      new Map([['core-fast', { healthy: false }]]),
    );
    expect(open.candidates.map((m) => m.alias)).toEqual(['core-text', 'core-fast']);
    const slow = resolveRoute(
      catalog,
      { model: 'core-fast', requires: [] },
      new Map([
        ['core-fast', { healthy: true, latencyEwmaMs: 9000 }],
        ['core-text', { healthy: true, latencyEwmaMs: 10 }],
      ]),
    );
    expect(slow.candidates.map((m) => m.alias)).toEqual(['core-fast', 'core-text']);
  });

  it.each([
    [
      'an unknown fallback',
      (r: ReturnType<typeof rawCatalog>) => (r.models[0].fallbacks = ['nope']),
      'models (core-fast).fallbacks[0]: unknown model "nope"',
    ],
    [
      'a model as its own fallback',
      (r: ReturnType<typeof rawCatalog>) => (r.models[0].fallbacks = ['core-fast']),
      'models[0] (core-fast).fallbacks[0]: a model cannot be its own fallback',
    ],
    [
      'a bad timeout',
      (r: ReturnType<typeof rawCatalog>) => (r.providers.local.first_byte_timeout_ms = 0),
      'providers.local.first_byte_timeout_ms: must be a whole number ≥ 1, got 0',
    ],
    [
      'a bad routing field',
      (r: ReturnType<typeof rawCatalog>) => ((r as unknown as Record<string, unknown>).routing = { max_attempts: 'x' }),
      'routing.max_attempts: must be a whole number ≥ 1, got "x"',
    ],
  ])('reports %s', (_case, edit, problem) => {
    expect(() => catalogWith(edit)).toThrow(problem);
  });

  it('reads anthropic providers with their timeouts, and the routing policy with defaults', () => {
    const catalog = catalogWith((r) => {
      r.providers.claude = {
        kind: 'anthropic',
        base_url: 'https://api.anthropic.com/v1',
        api_key_env: 'ANTHROPIC_API_KEY',
        connect_timeout_ms: 2000,
        first_byte_timeout_ms: 15000,
        total_timeout_ms: 600000,
      };
      (r as unknown as Record<string, unknown>).routing = { max_attempts: 2, cooldown_ms: 500 };
    });
    expect(catalog.providers.get('claude')).toEqual({
      name: 'claude',
      kind: 'anthropic',
      baseUrl: 'https://api.anthropic.com/v1',
      apiKeyEnv: 'ANTHROPIC_API_KEY',
      timeoutMs: 60000,
      connectTimeoutMs: 2000,
      firstByteTimeoutMs: 15000,
      totalTimeoutMs: 600000,
    });
    expect(catalog.routing).toEqual({ ...DEFAULT_ROUTING_POLICY, maxAttempts: 2, cooldownMs: 500 });
  });
});
