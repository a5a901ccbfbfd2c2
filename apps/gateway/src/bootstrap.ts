import 'reflect-metadata';
import type { Server } from 'node:http';
import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { tracingConfigFrom, validateEnv } from '@switchyard/config';
import { startTracing, type Tracing } from '@switchyard/tracing';
import { ApiKeyAuthenticator } from '@switchyard/keys';
import { corsSettings, CorsPolicy, GatewayMetrics, HttpMetrics, securityHeaders } from '@switchyard/observability';
import { AppModule } from './app.module';
import { chatCompletionsRoute } from './chat-completions/chat-completions.route';
import { ChatCompletionsService } from './chat-completions/chat-completions.service';
import { loadCatalog } from './config/catalog.loader';
import { GatewayEnv } from './config/gateway-env';
import { OpenAiExceptionFilter } from './errors/openai-exception.filter';
import { CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS } from './http/cors-headers.constants';
import { createHttpLogger } from './http/http-logger';
import { InFlightTracker } from './http/in-flight.tracker';
import { setupOpenApiDocs } from './http/openapi-docs';
import { requestContextMiddleware } from './http/request-context';
import { DataPlaneIngress } from './ingress/data-plane.ingress';
import { installIngress } from './ingress/install-ingress';
import { gatewayHttpMetricsMiddleware, overheadObserver } from './metrics/http-metrics.middleware';

export interface GatewayApp {
  app: INestApplication;
  env: Readonly<GatewayEnv>;
  /** Open requests, for graceful shutdown (main.ts). */
  inFlight: InFlightTracker;
  /** Writes out buffered log lines, then calls back (before the process exits). */
  flushLogs: (done: () => void) => void;
  /** Exports traces when OTEL_EXPORTER_OTLP_ENDPOINT is set; its shutdown flushes them (main.ts). */
  tracing: Tracing;
}

/**
 * Builds the gateway from a raw environment. main.ts passes process.env; tests pass their own,
 * so several gateways (and stacks) can run side by side.
 */
export async function createGatewayApp(rawEnv: Record<string, string | undefined>): Promise<GatewayApp> {
  const env = validateEnv(GatewayEnv, rawEnv);
  const tracing = await startTracing(tracingConfigFrom(env, 'switchyard-gateway'));
  const catalog = loadCatalog(env.CATALOG_PATH, rawEnv, env.SIMULATED_PROVIDER_URL);
  const providerApiKeys = Object.fromEntries(
    [...catalog.catalog.providers.values()]
      .filter((p) => p.apiKeyEnv)
      .map((p) => [p.apiKeyEnv as string, rawEnv[p.apiKeyEnv as string]]),
  );
  const { httpLogger, accessLog, flushLogs } = createHttpLogger(env, [
    env.OPENAI_API_KEY,
    ...Object.values(providerApiKeys),
  ]);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ env, catalog, providerApiKeys, logger: httpLogger.logger }),
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
  app.use(gatewayHttpMetricsMiddleware(app.get(HttpMetrics), app.get(GatewayMetrics)));
  app.use(httpLogger);
  app.use(securityHeaders());
  const settings = corsSettings(env.CORS_ORIGINS, CORS_ALLOWED_HEADERS, CORS_EXPOSED_HEADERS);
  const cors = settings ? new CorsPolicy(settings) : null;
  if (cors) app.use(cors.middleware);
  // No body parser: no control route takes a body, and the ingress reads its own.
  app.useGlobalFilters(new OpenAiExceptionFilter());
  if (env.DOCS_ENABLED === 'true') setupOpenApiDocs(app);
  const ingress = new DataPlaneIngress({
    routes: [chatCompletionsRoute(app.get(ChatCompletionsService))],
    authenticator: app.get(ApiKeyAuthenticator),
    inFlight,
    httpMetrics: app.get(HttpMetrics),
    onAnswer: overheadObserver(app.get(GatewayMetrics)),
    accessLog,
    errorLog: new Logger('Errors'),
    bodyLimits: {
      limitBytes: env.BODY_LIMIT_BYTES,
      maxDepth: env.BODY_MAX_JSON_DEPTH,
      maxElements: env.BODY_MAX_JSON_ELEMENTS,
    },
    cors,
  });
  installIngress(
    app.getHttpServer() as Server,
    ingress,
    {
      requestTimeoutMs: env.REQUEST_TIMEOUT_MS,
      headersTimeoutMs: 60_000,
      keepAliveTimeoutMs: env.KEEP_ALIVE_TIMEOUT_MS,
    },
    new Logger('Http'),
  );
  if (catalog.simulated.length > 0) {
    new Logger('Catalog').log(`No provider key for ${catalog.simulated.join(', ')}: served by the simulated provider.`);
  }
  return { app, env, inFlight, flushLogs, tracing };
}
