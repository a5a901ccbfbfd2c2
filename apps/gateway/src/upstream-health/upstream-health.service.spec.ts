import { type Catalog, DEFAULT_ROUTING_POLICY } from '@switchyard/contracts';
import { createMetricsRegistry, GatewayMetrics } from '@switchyard/observability';
import type { Registry } from 'prom-client';
import { UpstreamHealth } from './upstream-health.service';

// Real: the breakers and prom-client's registry. Faked: the clock (jest's modern timers fake Date.now).
describe(UpstreamHealth.name, () => {
  let registry: Registry;
  let health: UpstreamHealth;

  beforeEach(() => {
    jest.useFakeTimers({ now: 1_000_000 });
    registry = createMetricsRegistry('gateway');
    const catalog = { routing: { ...DEFAULT_ROUTING_POLICY, failureThreshold: 2, cooldownMs: 1_000 } } as Catalog;
    health = new UpstreamHealth({ catalog, simulated: [] }, new GatewayMetrics(registry));
  });

  afterEach(() => jest.useRealTimers());

  /** `{ model: value }` of one metric as the registry would expose it now. */
  async function samples(name: string): Promise<Record<string, number>> {
    const metric = registry.getSingleMetric(name);
    const { values } = (await metric?.get()) ?? { values: [] };
    return Object.fromEntries(values.map((v) => [String(v.labels.model), v.value]));
  }

  it('reports each seen model’s circuit as open (1) while it refuses calls, and closed (0) otherwise', async () => {
    health.succeeded('steady', 20);
    health.failed('flaky');
    expect(await samples('switchyard_upstream_circuit_open')).toEqual({ steady: 0, flaky: 0 });

    health.failed('flaky');
    expect(health.tryAcquire('flaky')).toBe(false);
    expect(await samples('switchyard_upstream_circuit_open')).toEqual({ steady: 0, flaky: 1 });

    // After the cool-down the breaker would let a probe through: no longer refusing.
    jest.advanceTimersByTime(1_000);
    expect(await samples('switchyard_upstream_circuit_open')).toEqual({ steady: 0, flaky: 0 });
  });

  it('counts each time a circuit opens, not each failure', async () => {
    for (let i = 0; i < 4; i++) health.failed('flaky');
    expect(await samples('switchyard_upstream_circuit_opened_total')).toEqual({ flaky: 1 });

    // The probe after the cool-down fails: the circuit opens again.
    jest.advanceTimersByTime(1_000);
    expect(health.tryAcquire('flaky')).toBe(true);
    health.failed('flaky');
    expect(await samples('switchyard_upstream_circuit_opened_total')).toEqual({ flaky: 2 });
  });
});
