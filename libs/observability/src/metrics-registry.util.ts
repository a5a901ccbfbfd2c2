import { collectDefaultMetrics, Registry } from 'prom-client';

export const METRIC_PREFIX = 'switchyard_';

/**
 * A registry per app (never prom-client's global one, so tests can build several apps in one
 * process). Node's defaults come with it: process memory (RSS, heap), CPU, GC, handles and the
 * event-loop lag (`nodejs_eventloop_lag_seconds`, sampled every 10 ms).
 */
export function createMetricsRegistry(app: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ app });
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 10 });
  return registry;
}
