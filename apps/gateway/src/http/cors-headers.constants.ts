/** Request headers a browser may send to /v1 when CORS_ORIGINS allows its origin. */
export const CORS_ALLOWED_HEADERS = ['authorization', 'content-type', 'x-request-id'];

/** Response headers a browser's script may read: the request id, retry hints, the route and rate limits. */
export const CORS_EXPOSED_HEADERS = [
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
