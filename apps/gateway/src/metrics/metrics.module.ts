import { Global, Module } from '@nestjs/common';
import type { Registry } from 'prom-client';
import {
  createMetricsRegistry,
  GatewayMetrics,
  HttpMetrics,
  METRICS_REGISTRY,
  MetricsController,
} from '@switchyard/observability';

@Global()
@Module({
  controllers: [MetricsController],
  providers: [
    { provide: METRICS_REGISTRY, useFactory: () => createMetricsRegistry('gateway') },
    { provide: HttpMetrics, inject: [METRICS_REGISTRY], useFactory: (registry: Registry) => new HttpMetrics(registry) },
    {
      provide: GatewayMetrics,
      inject: [METRICS_REGISTRY],
      useFactory: (registry: Registry) => new GatewayMetrics(registry),
    },
  ],
  exports: [METRICS_REGISTRY, HttpMetrics, GatewayMetrics],
})
export class MetricsModule {}
