import {
  BillingMetrics,
  createMetricsRegistry,
  GatewayMetrics,
  HttpMetrics,
  type ReconciliationStatus,
} from '@switchyard/observability';
import type { Registry } from 'prom-client';

/** The series names a metric of this type exposes (a histogram's _bucket, _sum and _count). */
function seriesOf(name: string, type: string): string[] {
  if (type === 'histogram') return [`${name}_bucket`, `${name}_sum`, `${name}_count`];
  if (type === 'summary') return [name, `${name}_sum`, `${name}_count`];
  return [name];
}

async function seriesIn(registry: Registry): Promise<Set<string>> {
  const metrics = await registry.getMetricsAsJSON();
  return new Set(metrics.flatMap((m) => seriesOf(m.name, String(m.type))));
}

/**
 * Every series each app exposes, from the same classes and registry factory the apps use: Node's
 * default metrics (prom-client), HttpMetrics, and GatewayMetrics or BillingMetrics.
 */
export async function registeredSeries(): Promise<Record<'gateway' | 'billing', Set<string>>> {
  const gateway = createMetricsRegistry('gateway');
  new HttpMetrics(gateway);
  new GatewayMetrics(gateway);
  const billing = createMetricsRegistry('billing');
  new HttpMetrics(billing);
  const idleQueue = { counts: async () => ({}), oldestWaitingAgeMs: async () => 0 };
  new BillingMetrics(billing, 'usage-events', idleQueue, async (): Promise<ReconciliationStatus | null> => null);
  return { gateway: await seriesIn(gateway), billing: await seriesIn(billing) };
}
