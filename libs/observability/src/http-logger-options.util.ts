import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Options } from 'pino-http';
import { REDACTED, redactSecrets, scrubForLog } from './redact-secrets.util';

export interface HttpLoggerSettings {
  /** pino level: fatal, error, warn, info, debug, trace or silent. */
  level: string;
  /** Literal secret values from the config (provider keys, admin token), masked wherever they appear. */
  secrets?: readonly (string | undefined)[];
  /** The id the app gave the request (its x-request-id). */
  requestId(req: IncomingMessage): string;
  /** Extra fields for the request's log lines (team, key prefix, route…), read when the response ends. */
  requestProps?(req: IncomingMessage, res: ServerResponse): Record<string, unknown>;
  /** Paths whose successful answers are not worth a line (health probes, scrapes). */
  quietPaths?: RegExp;
}

/** Header and field paths pino masks before anything else looks at them. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers["x-admin-token"]',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'headers.authorization',
  '*.headers.authorization',
  'authorization',
  '*.authorization',
  'apiKey',
  '*.apiKey',
  'api_key',
  '*.api_key',
  'plaintext',
  '*.plaintext',
  'token',
  '*.token',
  'adminToken',
  '*.adminToken',
];

/**
 * pino-http options for both apps: one JSON line per request (id, method, route, status,
 * latency and the app's props), request headers reduced to harmless ones, and secrets masked
 * three ways: by path, by field name at any depth, and by shape in every string.
 */
/** The configured secret values long enough to mask as literals (shorter ones would mask noise). */
export function secretLiterals(secrets: readonly (string | undefined)[] = []): string[] {
  return secrets.filter((s): s is string => typeof s === 'string' && s.length >= 8);
}

/** The level of a request's line: error for 5xx or a failed answer, warn for 4xx, else info. */
export function requestLogLevel(statusCode: number, failed: boolean): 'error' | 'warn' | 'info' {
  return failed || statusCode >= 500 ? 'error' : statusCode >= 400 ? 'warn' : 'info';
}

interface LoggedRequest {
  id?: unknown;
  method?: string;
  url?: string;
  headers?: Record<string, unknown>;
}

/** The request part of a request's line: no headers but user agent and length; URL and user agent masked. */
export function requestLogFields(req: LoggedRequest, literals: readonly string[]) {
  const userAgent = req.headers?.['user-agent'];
  return {
    id: req.id,
    method: req.method,
    url: redactSecrets(req.url ?? '', literals),
    userAgent: typeof userAgent === 'string' ? redactSecrets(userAgent, literals) : userAgent,
    contentLength: req.headers?.['content-length'],
  };
}

export function httpLoggerOptions(settings: HttpLoggerSettings): Options {
  const literals = secretLiterals(settings.secrets);
  return {
    level: settings.level,
    redact: { paths: REDACTED_LOG_PATHS, censor: REDACTED },
    genReqId: (req) => settings.requestId(req),
    customProps: (req, res) => settings.requestProps?.(req, res) ?? {},
    customLogLevel: (_req, res, err) => requestLogLevel(res.statusCode, Boolean(err)),
    autoLogging: settings.quietPaths ? { ignore: (req) => settings.quietPaths!.test(req.url ?? '') } : true,
    serializers: {
      req: (req: LoggedRequest) => requestLogFields(req, literals),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      err: (err: unknown) => scrubForLog(err, literals),
    },
    formatters: {
      log: (object) => scrubForLog(object, literals) as Record<string, unknown>,
    },
    hooks: {
      logMethod(args, method) {
        const scrubbed = args.map((arg) => (typeof arg === 'string' ? redactSecrets(arg, literals) : arg));
        return method.apply(this, scrubbed as Parameters<typeof method>);
      },
    },
  };
}
