import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import { METRIC_PREFIX } from './metrics-registry.util';

const FAST_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
const UPSTREAM_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

/** Each model's circuit as of now: open means its breaker refuses calls (the cool-down runs). */
export type CircuitProbe = () => Iterable<{ model: string; open: boolean }>;

/** The gateway's own metrics, next to HttpMetrics and Node's defaults. */
export class GatewayMetrics {
  readonly overhead: Histogram<'route'>;
  readonly upstreamDuration: Histogram<'provider' | 'model' | 'kind' | 'outcome'>;
  readonly upstreamErrors: Counter<'provider' | 'model' | 'code'>;
  readonly timeToFirstToken: Histogram<'provider' | 'model'>;
  readonly tokens: Counter<'model' | 'tier' | 'kind'>;
  readonly creditsMicro: Counter<'model' | 'tier'>;
  readonly usageEvents: Counter<'outcome'>;
  readonly usageEventsPending: Gauge;
  readonly holds: Counter<'outcome'>;
  readonly holdsActive: Gauge;
  readonly rateLimited: Counter<'limit'>;
  readonly circuitOpen: Gauge<'model'>;
  readonly circuitOpened: Counter<'model'>;
  private circuits: CircuitProbe = () => [];

  constructor(registry: Registry) {
    const registers = [registry];
    this.overhead = new Histogram({
      name: `${METRIC_PREFIX}gateway_overhead_seconds`,
      help: 'Time spent in the gateway itself, upstream excluded (x-switchyard-overhead-ms).',
      labelNames: ['route'],
      buckets: FAST_BUCKETS,
      registers,
    });
    this.upstreamDuration = new Histogram({
      name: `${METRIC_PREFIX}upstream_request_duration_seconds`,
      help: 'Upstream calls: a whole completion, or a whole stream, by provider and upstream model.',
      labelNames: ['provider', 'model', 'kind', 'outcome'],
      buckets: UPSTREAM_BUCKETS,
      registers,
    });
    this.upstreamErrors = new Counter({
      name: `${METRIC_PREFIX}upstream_errors_total`,
      help: 'Failed upstream calls by provider, upstream model and error code.',
      labelNames: ['provider', 'model', 'code'],
      registers,
    });
    this.timeToFirstToken = new Histogram({
      name: `${METRIC_PREFIX}upstream_time_to_first_token_seconds`,
      help: 'Streams: time from the upstream call to its first chunk.',
      labelNames: ['provider', 'model'],
      buckets: UPSTREAM_BUCKETS,
      registers,
    });
    this.tokens = new Counter({
      name: `${METRIC_PREFIX}tokens_total`,
      help: 'Tokens billed, by model alias, tier and kind (prompt, completion, cached_read, cache_creation).',
      labelNames: ['model', 'tier', 'kind'],
      registers,
    });
    this.creditsMicro = new Counter({
      name: `${METRIC_PREFIX}credits_charged_micro_total`,
      help: 'Micro-credits charged (1 credit = 1,000,000), by model alias and tier.',
      labelNames: ['model', 'tier'],
      registers,
    });
    this.usageEvents = new Counter({
      name: `${METRIC_PREFIX}usage_events_total`,
      help: 'Usage events handed to the queue: emitted, or failed (request refused, not billed).',
      labelNames: ['outcome'],
      registers,
    });
    this.usageEventsPending = new Gauge({
      name: `${METRIC_PREFIX}usage_events_pending`,
      help: 'Usage events on their way to the queue right now.',
      registers,
    });
    this.holds = new Counter({
      name: `${METRIC_PREFIX}credit_holds_total`,
      help: 'Credit hold operations by outcome: placed, insufficient, error, settled, released.',
      labelNames: ['outcome'],
      registers,
    });
    this.holdsActive = new Gauge({
      name: `${METRIC_PREFIX}credit_holds_active`,
      help: 'Holds this process placed that are neither settled nor released yet.',
      registers,
    });
    this.rateLimited = new Counter({
      name: `${METRIC_PREFIX}rate_limited_total`,
      help: 'Requests refused with 429, by the limit that refused them (requests or tokens).',
      labelNames: ['limit'],
      registers,
    });
    // Read at scrape time from the breakers themselves, so the hot path pays nothing for it.
    const circuits = () => this.circuits();
    this.circuitOpen = new Gauge({
      name: `${METRIC_PREFIX}upstream_circuit_open`,
      help: "1 while a model's circuit breaker refuses calls (open, cooling down), else 0; per gateway process.",
      labelNames: ['model'],
      registers,
      collect() {
        for (const { model, open } of circuits()) this.set({ model }, open ? 1 : 0);
      },
    });
    this.circuitOpened = new Counter({
      name: `${METRIC_PREFIX}upstream_circuit_opened_total`,
      help: "Times a model's circuit breaker opened (consecutive failures, or a failed probe).",
      labelNames: ['model'],
      registers,
    });
  }

  /** Where circuitOpen reads the breakers from (UpstreamHealth registers itself). */
  watchCircuits(probe: CircuitProbe): void {
    this.circuits = probe;
  }
}
