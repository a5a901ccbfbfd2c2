import { Inject, Injectable } from '@nestjs/common';
import type { UsageEvent } from '@switchyard/contracts';
import { GatewayMetrics } from '@switchyard/observability';
import type { UsageQueueObserver } from '../usage/usage-queue';

/** Usage events counted: queued or refused, pending adds, and what the queued ones bill (tokens, credits). */
@Injectable()
export class UsageMetricsObserver implements UsageQueueObserver {
  readonly name = 'usage-metrics';

  constructor(@Inject(GatewayMetrics) private readonly metrics: GatewayMetrics) {}

  adding(): void {
    this.metrics.usageEventsPending.inc();
  }

  refused(): void {
    this.metrics.usageEventsPending.dec();
    this.metrics.usageEvents.inc({ outcome: 'failed' });
  }

  added(event: UsageEvent): void {
    const { metrics } = this;
    metrics.usageEventsPending.dec();
    metrics.usageEvents.inc({ outcome: 'emitted' });
    const labels = { model: event.model, tier: event.tier };
    const { promptTokens, completionTokens, cachedReadTokens, cacheCreationTokens } = event.usage;
    metrics.tokens.inc({ ...labels, kind: 'prompt' }, promptTokens);
    metrics.tokens.inc({ ...labels, kind: 'completion' }, completionTokens);
    if (cachedReadTokens) metrics.tokens.inc({ ...labels, kind: 'cached_read' }, cachedReadTokens);
    if (cacheCreationTokens) metrics.tokens.inc({ ...labels, kind: 'cache_creation' }, cacheCreationTokens);
    metrics.creditsMicro.inc(labels, Number(event.costMicro));
  }
}
