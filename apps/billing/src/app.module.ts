import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { BullModule } from '@nestjs/bullmq';
import { redisOptions } from '@switchyard/queue';
import { AdminModule } from './admin/admin.module';
import { BILLING_CONFIG, type BillingConfig } from './config/billing-config';
import { HealthModule } from '@switchyard/observability';
import { DependencyHealthIndicator } from './health/dependency-health.indicator';
import { InfraModule } from './infra/infra.module';
import { MetricsModule } from './metrics/metrics.module';
import { UsageModule } from './usage/usage.module';

@Module({})
export class AppModule {
  /** `logger`: the pino logger behind the request logger (bootstrap.ts), reused for every Nest log. */
  static forRoot(config: BillingConfig, logger?: PinoLogger): DynamicModule {
    const provided = { provide: BILLING_CONFIG, useValue: config };
    return {
      module: AppModule,
      global: true,
      imports: [
        // Connection options, not a client: BullMQ opens and closes the worker's connections itself.
        BullModule.forRoot({ connection: redisOptions(config.redis.url, 'worker'), prefix: config.redis.prefix }),
        ...(logger ? [LoggerModule.forRoot({ pinoHttp: { logger }, useExisting: true })] : []),
        MetricsModule,
        HealthModule.forIndicator(DependencyHealthIndicator, (d) => [
          () => d.accepting(),
          () => d.postgres(),
          () => d.redis(),
          () => d.queue(),
        ]),
        InfraModule,
        UsageModule,
        AdminModule,
      ],
      providers: [provided],
      exports: [provided],
    };
  }
}
