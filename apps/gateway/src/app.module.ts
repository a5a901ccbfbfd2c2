import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger as PinoLogger } from 'pino';
import { CATALOG, type LoadedCatalog } from './config/catalog.loader';
import { GATEWAY_CONFIG, type GatewayConfig } from './config/gateway-config';
import { CreditsController } from './credits/credits.controller';
import { HealthModule } from '@switchyard/observability';
import { DependencyHealthIndicator } from './health/dependency-health.indicator';
import { InfraModule } from './infra/infra.module';
import { PROVIDER_API_KEYS } from './infra/infra.tokens';
import { MetricsModule } from './metrics/metrics.module';
import { ModelsController } from './models/models.controller';
import { PipelineModule } from './pipeline/pipeline.module';
import { RateLimitModule } from './rate-limit/rate-limit.module';

export interface GatewayOptions {
  config: GatewayConfig;
  catalog: LoadedCatalog;
  /** Values of the env variables the catalog's providers name (api_key_env). */
  providerApiKeys: Record<string, string | undefined>;
  /** The pino logger behind the request logger (bootstrap.ts), reused for every Nest log. */
  logger: PinoLogger;
}

@Module({})
export class AppModule {
  static forRoot(options: GatewayOptions): DynamicModule {
    const config = [
      { provide: GATEWAY_CONFIG, useValue: options.config },
      { provide: CATALOG, useValue: options.catalog },
      { provide: PROVIDER_API_KEYS, useValue: options.providerApiKeys },
    ];
    return {
      module: AppModule,
      global: true,
      imports: [
        // The pino-http middleware is installed in bootstrap.ts (before the body parser); this binds Nest's logger to it.
        LoggerModule.forRoot({ pinoHttp: { logger: options.logger }, useExisting: true }),
        MetricsModule,
        InfraModule,
        RateLimitModule,
        HealthModule.forIndicator(DependencyHealthIndicator, (d) => [
          () => d.accepting(),
          () => d.postgres(),
          () => d.redisCheck(),
          () => d.queue(),
        ]),
        PipelineModule,
      ],
      controllers: [ModelsController, CreditsController],
      providers: config,
      exports: config,
    };
  }
}
