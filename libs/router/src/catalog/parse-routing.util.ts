import { DEFAULT_ROUTING_POLICY, type RoutingPolicy } from '@switchyard/contracts';
import type { CatalogReader } from './catalog-reader.util';

const ROUTING_FIELDS = ['max_attempts', 'failure_threshold', 'cooldown_ms', 'latency_alpha', 'slow_factor'] as const;

function ratio(reader: CatalogReader, value: unknown, path: string, max: number): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0 || value > max) {
    reader.report(path, `must be a number in (0, ${max}], got ${JSON.stringify(value)}`);
    return undefined;
  }
  return value;
}

/** The optional `routing` section; every field defaults to DEFAULT_ROUTING_POLICY. */
export function parseRouting(reader: CatalogReader, value: unknown): RoutingPolicy {
  if (value === undefined) return { ...DEFAULT_ROUTING_POLICY };
  const fields = reader.object(value, 'routing', ROUTING_FIELDS) ?? {};
  const int = (field: 'max_attempts' | 'failure_threshold' | 'cooldown_ms', fallback: number): number =>
    fields[field] === undefined ? fallback : (reader.positiveInt(fields[field], `routing.${field}`) ?? fallback);
  return {
    maxAttempts: int('max_attempts', DEFAULT_ROUTING_POLICY.maxAttempts),
    failureThreshold: int('failure_threshold', DEFAULT_ROUTING_POLICY.failureThreshold),
    cooldownMs: int('cooldown_ms', DEFAULT_ROUTING_POLICY.cooldownMs),
    latencyAlpha:
      fields.latency_alpha === undefined
        ? DEFAULT_ROUTING_POLICY.latencyAlpha
        : (ratio(reader, fields.latency_alpha, 'routing.latency_alpha', 1) ?? 0),
    slowFactor:
      fields.slow_factor === undefined
        ? DEFAULT_ROUTING_POLICY.slowFactor
        : (ratio(reader, fields.slow_factor, 'routing.slow_factor', 1000) ?? 0),
  };
}
