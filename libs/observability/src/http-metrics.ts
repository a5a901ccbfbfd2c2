import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { METRIC_PREFIX } from './metrics-registry.util';

const LABELS = ['route', 'method', 'status', 'model', 'tier'] as const;
export type HttpLabel = (typeof LABELS)[number];

/** Request counts, latency and concurrency, labelled by the matched route (never the raw URL). */
export class HttpMetrics {
  readonly requests: Counter<HttpLabel>;
  readonly duration: Histogram<HttpLabel>;
  readonly inFlight: Gauge;

  constructor(registry: Registry) {
    this.requests = new Counter({
      name: `${METRIC_PREFIX}http_requests_total`,
      help: 'HTTP requests answered, by route, method, status, model and tier.',
      labelNames: LABELS,
      registers: [registry],
    });
    this.duration = new Histogram({
      name: `${METRIC_PREFIX}http_request_duration_seconds`,
      help: 'Time from the first byte received to the last byte sent (a whole stream for SSE).',
      labelNames: LABELS,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers: [registry],
    });
    this.inFlight = new Gauge({
      name: `${METRIC_PREFIX}http_requests_in_flight`,
      help: 'Requests being served right now (open streams included).',
      registers: [registry],
    });
  }

  observe(labels: Record<HttpLabel, string>, seconds: number): void {
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }
}
