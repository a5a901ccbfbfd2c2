import type { INestApplication } from '@nestjs/common';
import { corsSettings } from '@switchyard/observability';

const EXPOSED_HEADERS = [
  'x-request-id',
  'retry-after',
  'x-switchyard-model',
  'x-switchyard-tier',
  'x-switchyard-overhead-ms',
  ...['requests', 'tokens'].flatMap((kind) => [
    `x-ratelimit-limit-${kind}`,
    `x-ratelimit-remaining-${kind}`,
    `x-ratelimit-reset-${kind}`,
  ]),
];

/** CORS stays off unless CORS_ORIGINS names the origins (or `*`) browsers may call /v1 from. */
export function applyCors(app: INestApplication, corsOrigins: string): void {
  const settings = corsSettings(corsOrigins, ['authorization', 'content-type', 'x-request-id'], EXPOSED_HEADERS);
  if (settings) app.enableCors(settings);
}
