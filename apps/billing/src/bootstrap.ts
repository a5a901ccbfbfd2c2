import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger as PinoNestLogger } from 'nestjs-pino';
import { pinoHttp } from 'pino-http';
import { validateEnv } from '@switchyard/config';
import {
  corsSettings,
  httpLoggerOptions,
  HttpMetrics,
  httpMetricsMiddleware,
  routeLabelOf,
  securityHeaders,
} from '@switchyard/observability';
import { AppModule } from './app.module';
import { BillingEnv } from './config/billing-env';

const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Builds the billing service from a raw environment. main.ts passes process.env; tests pass
 * their own DATABASE_URL and REDIS_PREFIX and listen on port 0.
 */
export async function createBillingApp(
  rawEnv: Record<string, string | undefined>,
): Promise<{ app: INestApplication; env: Readonly<BillingEnv> }> {
  const env = validateEnv(BillingEnv, rawEnv);
  const httpLogger = pinoHttp(
    httpLoggerOptions({
      level: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
      secrets: [env.ADMIN_TOKEN],
      requestId: (req: IncomingMessage) => {
        const sent = req.headers['x-request-id'];
        return typeof sent === 'string' && SANE_REQUEST_ID.test(sent) ? sent : randomUUID();
      },
      requestProps: (req, res) =>
        res.headersSent ? { route: routeLabelOf(req as Parameters<typeof routeLabelOf>[0]) } : {},
      quietPaths: /^\/(health|metrics)(\/|$|\?)/,
    }),
  );
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(env, httpLogger.logger), {
    bufferLogs: true,
  });
  app.useLogger(app.get(PinoNestLogger));
  app.disable('x-powered-by');
  app.use(httpMetricsMiddleware(app.get(HttpMetrics)));
  app.use(httpLogger);
  app.use(securityHeaders());
  const cors = corsSettings(
    env.CORS_ORIGINS,
    ['authorization', 'content-type', 'idempotency-key', 'x-request-id'],
    ['x-request-id'],
  );
  if (cors) app.enableCors(cors);
  if (env.DOCS_ENABLED === 'true') setupAdminDocs(app);
  return { app, env };
}

/** The admin API (/admin/v1) as OpenAPI 3 at /docs, from its controllers and DTOs. */
function setupAdminDocs(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Switchyard billing: admin API')
    .setDescription(
      'Teams, API keys, credits (grant/adjust/refund with Idempotency-Key), ledger and usage. Authenticate with an admin token.',
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An admin token: syadm_…' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  for (const path of Object.keys(document.paths)) if (!path.startsWith('/admin')) delete document.paths[path];
  for (const item of Object.values(document.paths)) {
    for (const operation of [item.get, item.post, item.put, item.patch, item.delete])
      if (operation) operation.security = [{ bearer: [] }];
  }
  SwaggerModule.setup('docs', app, document);
}
