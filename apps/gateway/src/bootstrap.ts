import 'reflect-metadata';
import type { Server } from 'node:http';
import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { startTracing, type Tracing } from '@switchyard/tracing';
import { ApiKeyAuthenticator } from '@switchyard/keys';
import {
  corsSettings,
  CorsPolicy,
  HttpMetrics,
  httpMetricsMiddleware,
  securityHeaders,
} from '@switchyard/observability';
import { AppModule } from './app.module';
import { loadCatalog } from './config/catalog.loader';
import { type GatewayConfig, loadGatewayConfig } from './config/gateway-config';
import { OpenAiExceptionFilter } from './errors/openai-exception.filter';
import { CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS } from './http/cors-headers.constants';
import { createHttpLogger } from './http/http-logger';
import { InFlightTracker } from './http/in-flight.tracker';
import { setupOpenApiDocs } from './http/openapi-docs';
import { requestContextMiddleware } from './http/request-context';
import { DataPlaneIngress } from './ingress/data-plane.ingress';
import { installIngress } from './ingress/install-ingress';
import type { IngressRoute } from './ingress/data-plane.ingress';
import { INGRESS_ROUTES } from './pipeline/pipeline.module';
import { DATA_PLANE_ROUTES } from './pipeline/route-table';

export interface GatewayApp {
  app: INestApplication;
  config: GatewayConfig;
  /** Open requests, for graceful shutdown (main.ts). */
  inFlight: InFlightTracker;
  /** Writes out buffered log lines, then calls back (before the process exits). */
  flushLogs: (done: () => void) => void;
  /** Exports traces when config.tracing names a traces URL; its shutdown flushes them (main.ts). */
  tracing: Tracing;
}

/**
 * Builds the gateway from a raw environment. main.ts passes process.env; tests pass their own,
 * so several gateways (and stacks) can run side by side.
 */
export async function createGatewayApp(rawEnv: Record<string, string | undefined>): Promise<GatewayApp> {
  const config = loadGatewayConfig(rawEnv);
  // Before the app is built: the pipeline registers its tracing hook only when tracing is on.
  const tracing = await startTracing(config.tracing);
  const catalog = loadCatalog(config.catalog.path, rawEnv, config.catalog.simulatedProviderUrl);
  const providerApiKeys = Object.fromEntries(
    [...catalog.catalog.providers.values()]
      .filter((p) => p.apiKeyEnv)
      .map((p) => [p.apiKeyEnv as string, rawEnv[p.apiKeyEnv as string]]),
  );
  const { httpLogger, accessLog, flushLogs } = createHttpLogger(config, [
    config.providers.openAiApiKey ?? undefined,
    ...Object.values(providerApiKeys),
  ]);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ config, catalog, providerApiKeys, logger: httpLogger.logger }),
    {
      bodyParser: false,
      bufferLogs: true,
    },
  );
  app.useLogger(app.get(PinoNestLogger));
  app.disable('x-powered-by');
  // Completions are never the same twice: hashing every body for an ETag is pure cost.
  app.set('etag', false);
  const inFlight = new InFlightTracker();
  // Order matters: id and clock first, then counting and logging, so even refused bodies are seen.
  app.use(requestContextMiddleware);
  app.use(inFlight.middleware);
  app.use(httpMetricsMiddleware(app.get(HttpMetrics)));
  app.use(httpLogger);
  app.use(securityHeaders());
  const settings = corsSettings(config.cors.origins, CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS);
  const cors = settings ? new CorsPolicy(settings) : null;
  if (cors) app.use(cors.middleware);
  // No body parser: no control route takes a body, and the ingress reads its own.
  app.useGlobalFilters(new OpenAiExceptionFilter());
  if (config.docs.enabled) setupOpenApiDocs(app, DATA_PLANE_ROUTES);
  const ingress = new DataPlaneIngress({
    routes: app.get<IngressRoute[]>(INGRESS_ROUTES),
    authenticator: app.get(ApiKeyAuthenticator),
    inFlight,
    httpMetrics: app.get(HttpMetrics),
    accessLog,
    errorLog: new Logger('Errors'),
    bodyLimits: config.http.body,
    cors,
  });
  installIngress(
    app.getHttpServer() as Server,
    ingress,
    {
      requestTimeoutMs: config.http.requestTimeoutMs,
      headersTimeoutMs: 60_000,
      keepAliveTimeoutMs: config.http.keepAliveTimeoutMs,
    },
    new Logger('Http'),
  );
  if (catalog.simulated.length > 0) {
    new Logger('Catalog').log(`No provider key for ${catalog.simulated.join(', ')}: served by the simulated provider.`);
  }
  return { app, config, inFlight, flushLogs, tracing };
}
