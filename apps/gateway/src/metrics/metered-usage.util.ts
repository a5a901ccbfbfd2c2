import type { RequestHolds } from '@switchyard/holds';
import type { GatewayMetrics } from '@switchyard/observability';
import type { UsageEventProducer } from '@switchyard/queue';
import { InsufficientCreditsError, type UsageEvent } from '@switchyard/contracts';

/** Calls `after` with each event the queue accepted (rate limits add completion tokens this way). */
export type UsageListener = (event: UsageEvent) => void;

/** The producer, counted: events emitted or refused, pending emits, and what they bill (tokens, credits). */
export function meterUsageProducer(
  producer: UsageEventProducer,
  metrics: GatewayMetrics,
  listeners: UsageListener[] = [],
): UsageEventProducer {
  const emit = async (event: UsageEvent): Promise<void> => {
    metrics.usageEventsPending.inc();
    try {
      await producer.emit(event);
    } catch (err) {
      metrics.usageEvents.inc({ outcome: 'failed' });
      throw err;
    } finally {
      metrics.usageEventsPending.dec();
    }
    metrics.usageEvents.inc({ outcome: 'emitted' });
    const labels = { model: event.model, tier: event.tier };
    const { promptTokens, completionTokens, cachedReadTokens, cacheCreationTokens } = event.usage;
    metrics.tokens.inc({ ...labels, kind: 'prompt' }, promptTokens);
    metrics.tokens.inc({ ...labels, kind: 'completion' }, completionTokens);
    if (cachedReadTokens) metrics.tokens.inc({ ...labels, kind: 'cached_read' }, cachedReadTokens);
    if (cacheCreationTokens) metrics.tokens.inc({ ...labels, kind: 'cache_creation' }, cacheCreationTokens);
    metrics.creditsMicro.inc(labels, Number(event.costMicro));
    for (const listener of listeners) listener(event);
  };
  return withOverrides(producer, { emit });
}

/** Request holds, counted: placements by outcome, settles, releases, and this process's open holds. */
export function meterCreditHolds(holds: RequestHolds, metrics: GatewayMetrics): RequestHolds {
  const open = new Set<string>();
  const closed = (teamId: string, requestId: string) => {
    open.delete(`${teamId}:${requestId}`);
    metrics.holdsActive.set(open.size);
  };
  return withOverrides(holds, {
    place: async (teamId: string, requestId: string, amountMicro: bigint) => {
      try {
        await holds.place(teamId, requestId, amountMicro);
      } catch (err) {
        metrics.holds.inc({ outcome: err instanceof InsufficientCreditsError ? 'insufficient' : 'error' });
        throw err;
      }
      metrics.holds.inc({ outcome: 'placed' });
      open.add(`${teamId}:${requestId}`);
      metrics.holdsActive.set(open.size);
    },
    settle: async (teamId: string, requestId: string, costMicro: bigint) => {
      await holds.settle(teamId, requestId, costMicro);
      metrics.holds.inc({ outcome: 'settled' });
      closed(teamId, requestId);
    },
    release: async (teamId: string, requestId: string) => {
      await holds.release(teamId, requestId);
      metrics.holds.inc({ outcome: 'released' });
      closed(teamId, requestId);
    },
  });
}

/** A Proxy that swaps some methods and passes everything else to the target. */
function withOverrides<T extends object>(target: T, overrides: Partial<Record<keyof T, unknown>>): T {
  return new Proxy(target, {
    get(inner, prop, receiver) {
      if (Object.hasOwn(overrides, prop)) return overrides[prop as keyof T];
      const value = Reflect.get(inner, prop, receiver) as unknown;
      return typeof value === 'function' ? value.bind(inner) : value;
    },
  });
}
