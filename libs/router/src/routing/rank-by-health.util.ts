import { DEFAULT_ROUTING_POLICY } from '@switchyard/contracts';

/** One model's health as the gateway measured it: circuit state and latency EWMA. */
export interface ModelHealthState {
  /** False while the model's circuit is open (and no probe is due). */
  healthy: boolean;
  /** Exponentially weighted moving average of the time to first byte, when measured. */
  latencyEwmaMs?: number;
}

/** Models not in the map count as healthy with no latency known. */
export type ModelHealth = ReadonlyMap<string, ModelHealthState>;

/**
 * Orders candidates for trying: healthy ones in preference (catalog) order, except that a healthy
 * one whose latency EWMA is more than `slowFactor` times the fastest healthy one's goes after
 * the others; unhealthy ones last. Stable within each group; never drops a candidate.
 */
export function rankByHealth<T>(
  items: readonly T[],
  aliasOf: (item: T) => string,
  health?: ModelHealth,
  slowFactor = DEFAULT_ROUTING_POLICY.slowFactor,
): T[] {
  if (!health || health.size === 0) return [...items];
  const stateOf = (item: T): ModelHealthState | undefined => health.get(aliasOf(item));
  const healthy = items.filter((item) => stateOf(item)?.healthy !== false);
  const unhealthy = items.filter((item) => stateOf(item)?.healthy === false);
  const latencies = healthy.map((item) => stateOf(item)?.latencyEwmaMs).filter((ms): ms is number => ms !== undefined);
  const fastest = latencies.length > 0 ? Math.min(...latencies) : undefined;
  const isSlow = (item: T): boolean => {
    const ms = stateOf(item)?.latencyEwmaMs;
    return fastest !== undefined && ms !== undefined && ms > Math.max(fastest, 1) * slowFactor;
  };
  return [...healthy.filter((item) => !isSlow(item)), ...healthy.filter(isSlow), ...unhealthy];
}
