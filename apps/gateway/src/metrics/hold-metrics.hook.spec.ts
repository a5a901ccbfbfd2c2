import { Registry } from 'prom-client';
import { GatewayMetrics } from '@switchyard/observability';
import { HoldMetricsHook } from './hold-metrics.hook';

describe(HoldMetricsHook.name, () => {
  it('counts every outcome and keeps this process’s open holds: placed ones until settled or released', async () => {
    const registry = new Registry();
    const hook = new HoldMetricsHook(new GatewayMetrics(registry));
    const active = async () =>
      (await registry.getSingleMetric('switchyard_credit_holds_active')!.get()).values[0].value;
    hook.onHold('placed', 'team-1', 'a');
    hook.onHold('placed', 'team-1', 'b');
    hook.onHold('insufficient', 'team-1', 'c');
    expect(await active()).toBe(2);
    hook.onHold('settled', 'team-1', 'a');
    hook.onHold('released', 'team-1', 'b');
    expect(await active()).toBe(0);
    const counts = (await registry.getSingleMetric('switchyard_credit_holds_total')!.get()).values;
    expect(Object.fromEntries(counts.map((v) => [v.labels.outcome, v.value]))).toEqual({
      placed: 2,
      insufficient: 1,
      settled: 1,
      released: 1,
    });
  });
});
