import { Global, Module } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Registry } from 'prom-client';
import { USAGE_EVENTS_QUEUE } from '@switchyard/contracts';
import {
  BillingMetrics,
  createMetricsRegistry,
  HttpMetrics,
  METRICS_REGISTRY,
  MetricsController,
} from '@switchyard/observability';
import { reconciliationProbe } from './reconciliation.probe';
import { usageQueueProbe } from './usage-queue.probe';
import { WorkerMetricsService } from './worker-metrics.service';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: METRICS_REGISTRY, useFactory: () => createMetricsRegistry('billing') },
    { provide: HttpMetrics, inject: [METRICS_REGISTRY], useFactory: (registry: Registry) => new HttpMetrics(registry) },
    {
      provide: BillingMetrics,
      inject: [METRICS_REGISTRY, ModuleRef],
      useFactory: (registry: Registry, moduleRef: ModuleRef) =>
        new BillingMetrics(registry, USAGE_EVENTS_QUEUE, usageQueueProbe(moduleRef), reconciliationProbe(moduleRef)),
    },
    WorkerMetricsService,
  ],
  exports: [METRICS_REGISTRY, HttpMetrics, BillingMetrics],
})
export class MetricsModule {}
