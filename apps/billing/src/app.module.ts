import { type DynamicModule, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { BullModule } from '@nestjs/bullmq';
import { queueConnection, queuePrefix } from '@switchyard/queue';
import type { Cluster, RedisOptions } from 'ioredis';
import { AdminModule } from './admin/admin.module';
import { BILLING_CONFIG, type BillingConfig } from './config/billing-config';
import { HealthModule } from '@switchyard/observability';
import { DependencyHealthIndicator } from './health/dependency-health.indicator';
import { InfraModule } from './infra/infra.module';
import { MetricsModule } from './metrics/metrics.module';
import { UsageModule } from './usage/usage.module';

/** BullMQ's connection: options it owns on one server, a Cluster client this module quits on a cluster. */
const QUEUE_CONNECTION = Symbol('QUEUE_CONNECTION');

@Module({})
export class AppModule implements OnApplicationShutdown {
  constructor(@Inject(QUEUE_CONNECTION) private readonly queueConnection: RedisOptions | Cluster) {}

  /** `logger`: the pino logger behind the request logger (bootstrap.ts), reused for every Nest log. */
  static forRoot(config: BillingConfig, logger?: PinoLogger): DynamicModule {
    const provided = { provide: BILLING_CONFIG, useValue: config };
    const connection = queueConnection(config.redis.url);
    return {
      module: AppModule,
      global: true,
      imports: [
        BullModule.forRoot({ connection, prefix: queuePrefix(config.redis.url, config.redis.prefix) }),
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
      providers: [provided, { provide: QUEUE_CONNECTION, useValue: connection }],
      exports: [provided],
    };
  }

  /** After the worker drained (UsageProcessor's onModuleDestroy): a Cluster client BullMQ shared is closed here. */
  async onApplicationShutdown(): Promise<void> {
    const connection = this.queueConnection;
    if ('quit' in connection) await connection.quit().catch(() => connection.disconnect());
  }
}
