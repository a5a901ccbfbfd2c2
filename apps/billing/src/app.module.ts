import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { BullModule } from '@nestjs/bullmq';
import { redisOptions } from '@switchyard/queue';
import { AdminModule } from './admin/admin.module';
import { BILLING_ENV, type BillingEnv } from './config/billing-env';
import { HealthModule } from '@switchyard/observability';
import { DependencyHealthIndicator } from './health/dependency-health.indicator';
import { InfraModule } from './infra/infra.module';
import { MetricsModule } from './metrics/metrics.module';
import { UsageModule } from './usage/usage.module';

@Module({})
export class AppModule {
  /** `logger`: the pino logger behind the request logger (bootstrap.ts), reused for every Nest log. */
  static forRoot(env: Readonly<BillingEnv>, logger?: PinoLogger): DynamicModule {
    const config = { provide: BILLING_ENV, useValue: env };
    return {
      module: AppModule,
      global: true,
      imports: [
        // Connection options, not a client: BullMQ opens and closes the worker's connections itself.
        BullModule.forRoot({ connection: redisOptions(env.REDIS_URL, 'worker'), prefix: env.REDIS_PREFIX }),
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
      providers: [config],
      exports: [config],
    };
  }
}
