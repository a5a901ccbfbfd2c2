import { Inject, Injectable } from '@nestjs/common';
import { DEFAULT_ROUTING_POLICY, type RoutingPolicy } from '@switchyard/contracts';
import { GatewayMetrics } from '@switchyard/observability';
import type { ModelHealth, ModelHealthState } from '@switchyard/router';
import { CATALOG, type LoadedCatalog } from '../config/catalog.loader';
import { CircuitBreaker } from './circuit-breaker';

interface ModelRecord {
  breaker: CircuitBreaker;
  latencyEwmaMs?: number;
}

/**
 * What this gateway process has seen of each model: a circuit breaker and an EWMA of the time to
 * first byte. The router stays pure; this is the state it is fed with (`snapshot`). Per process
 * on purpose: each replica learns quickly from its own traffic, and no shared store sits on the
 * hot path.
 */
@Injectable()
export class UpstreamHealth {
  readonly policy: RoutingPolicy;
  private readonly models = new Map<string, ModelRecord>();

  constructor(
    @Inject(CATALOG) loaded: LoadedCatalog,
    @Inject(GatewayMetrics) private readonly metrics: GatewayMetrics,
  ) {
    this.policy = loaded.catalog.routing ?? DEFAULT_ROUTING_POLICY;
    metrics.watchCircuits(() => this.circuits());
  }

  /** Every model seen so far; unseen models count as healthy. */
  snapshot(): ModelHealth {
    const health = new Map<string, ModelHealthState>();
    for (const [alias, record] of this.models) {
      health.set(alias, {
        healthy: record.breaker.wouldAdmit(),
        ...(record.latencyEwmaMs !== undefined ? { latencyEwmaMs: record.latencyEwmaMs } : {}),
      });
    }
    return health;
  }

  /** Asks the model's breaker for a call; false while its circuit is open. */
  tryAcquire(alias: string): boolean {
    return this.recordOf(alias).breaker.tryAcquire();
  }

  succeeded(alias: string, latencyMs: number): void {
    const record = this.recordOf(alias);
    record.breaker.succeeded();
    const alpha = this.policy.latencyAlpha;
    record.latencyEwmaMs =
      record.latencyEwmaMs === undefined ? latencyMs : alpha * latencyMs + (1 - alpha) * record.latencyEwmaMs;
  }

  failed(alias: string): void {
    if (this.recordOf(alias).breaker.failed()) this.metrics.circuitOpened.inc({ model: alias });
  }

  released(alias: string): void {
    this.recordOf(alias).breaker.released();
  }

  /** Whole seconds until the first of these models takes a probe again. */
  retryAfterSeconds(aliases: readonly string[]): number {
    const ms = Math.min(...aliases.map((alias) => this.recordOf(alias).breaker.msUntilProbe()));
    return Math.max(1, Math.ceil(ms / 1000));
  }

  /** Every model seen so far, and whether its circuit refuses calls right now (for the metrics). */
  private *circuits(): Iterable<{ model: string; open: boolean }> {
    for (const [model, record] of this.models) yield { model, open: record.breaker.current() === 'open' };
  }

  private recordOf(alias: string): ModelRecord {
    let record = this.models.get(alias);
    if (!record) {
      record = {
        breaker: new CircuitBreaker({
          failureThreshold: this.policy.failureThreshold,
          cooldownMs: this.policy.cooldownMs,
        }),
      };
      this.models.set(alias, record);
    }
    return record;
  }
}
