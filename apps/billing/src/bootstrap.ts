import 'reflect-metadata';
import type { IncomingMessage, Server } from 'node:http';
import { type INestApplication, Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { pinoHttp } from 'pino-http';
import { answerClientErrors } from '@switchyard/http-input';
import { AdminSessionService, AdminTokenService } from '@switchyard/admin';
import {
  CorsPolicy,
  corsSettings,
  httpLoggerOptions,
  HttpMetrics,
  httpMetricsMiddleware,
  routeLabelOf,
  securityHeaders,
  STRICT_SECURITY_HEADERS,
} from '@switchyard/observability';
import { startTracing, type Tracing } from '@switchyard/tracing';
import { AppModule } from './app.module';
import { adminIngress } from './admin/http/admin-ingress.middleware';
import { SignInLimiter } from './admin/session/sign-in-limiter';
import { consoleStatic } from './console/console-static.middleware';
import { setupAdminDocs } from './docs/admin-docs';
import { AdminExceptionFilter } from './admin/http/admin-exception.filter';
import { type BillingConfig, loadBillingConfig } from './config/billing-config';
import { requestIdsMiddleware, requestIdsOf } from './http/request-ids.middleware';

/**
 * Builds the billing service from a raw environment, mapped once to its BillingConfig. main.ts
 * passes process.env; tests pass their own DATABASE_URL and REDIS_PREFIX and listen on port 0.
 */
export async function createBillingApp(
  rawEnv: Record<string, string | undefined>,
): Promise<{ app: INestApplication; config: BillingConfig; tracing: Tracing }> {
  const config = loadBillingConfig(rawEnv);
  const tracing = await startTracing(config.tracing);
  const httpLogger = pinoHttp(
    httpLoggerOptions({
      level: config.logging.level,
      secrets: [config.admin.bootstrapToken ?? undefined],
      requestId: (req: IncomingMessage) => requestIdsOf(req)?.requestId ?? 'unknown',
      requestProps: (req, res) =>
        res.headersSent
          ? {
              route: routeLabelOf(req as Parameters<typeof routeLabelOf>[0]),
              clientRequestId: requestIdsOf(req)?.clientRequestId ?? undefined,
            }
          : {},
      quietPaths: /^\/(health|metrics)(\/|$|\?)/,
    }),
  );
  // No body parser of Nest's: the admin ingress reads admin bodies once their token is accepted.
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, httpLogger.logger), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoNestLogger));
  app.disable('x-powered-by');
  // Behind a trusted proxy, its X-Forwarded-Proto makes req.secure (Secure cookies) and -For req.ip.
  app.set('trust proxy', config.http.trustProxy);
  // Order matters: the request's ids first, so every answer and log line carries them.
  app.use(requestIdsMiddleware);
  app.use(httpMetricsMiddleware(app.get(HttpMetrics)));
  app.use(httpLogger);
  app.use(securityHeaders());
  const cors = corsSettings(
    config.cors.origins,
    ['authorization', 'content-type', 'idempotency-key', 'x-request-id'],
    ['x-request-id'],
  );
  if (cors) app.use(new CorsPolicy(cors).middleware);
  app.use('/console', consoleStatic(config.console.dir));
  app.use(
    '/admin',
    adminIngress({
      tokens: app.get(AdminTokenService),
      sessions: app.get(AdminSessionService),
      signIns: app.get(SignInLimiter),
      logger: new Logger('AdminErrors'),
    }),
  );
  const httpLog = new Logger('Http');
  answerClientErrors(app.getHttpServer() as Server, {
    headers: STRICT_SECURITY_HEADERS,
    onAnswer: ({ requestId, status, cause }) =>
      httpLog.warn({ requestId, status, cause, msg: 'refused before a request handler ran' }),
  });
  // Global, not per controller: unknown routes and Nest's own exceptions take the same mapping.
  app.useGlobalFilters(new AdminExceptionFilter());
  if (config.docs.enabled) setupAdminDocs(app);
  return { app, config, tracing };
}
