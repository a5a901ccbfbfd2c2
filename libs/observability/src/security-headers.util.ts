import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';

export type HeaderList = ReadonlyArray<readonly [name: string, value: string]>;

/**
 * The headers a helmet configuration sets. They do not depend on the request (no CSP nonces), so
 * they are worked out once and then copied onto every answer instead of running helmet's chain.
 */
export function helmetHeaders(options?: Parameters<typeof helmet>[0]): HeaderList {
  const headers: [string, string][] = [];
  const recorder = {
    setHeader: (name: string, value: unknown) => void headers.push([name, String(value)]),
    removeHeader: () => undefined,
    getHeader: () => undefined,
  };
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, () => undefined);
  return headers;
}

export function setHeaders(res: ServerResponse, headers: HeaderList): void {
  for (const [name, value] of headers) res.setHeader(name, value);
}

/** helmet's default security headers, for answers written outside express. */
export const STRICT_SECURITY_HEADERS = helmetHeaders();

/**
 * helmet's security headers on every answer, except the docs UI, whose inline bootstrap script
 * the default content security policy would block.
 */
export function securityHeaders(docsPath = '/docs'): RequestHandler {
  const docs = helmetHeaders({ contentSecurityPolicy: false });
  return (req: Request, res: Response, next: NextFunction) => {
    setHeaders(res, req.path.startsWith(docsPath) ? docs : STRICT_SECURITY_HEADERS);
    next();
  };
}

export interface CorsSettings {
  origin: true | string[];
  methods: string[];
  allowedHeaders: string[];
  exposedHeaders: string[];
  maxAge: number;
}

/** CORS options from a CORS_ORIGINS value (`*` or a comma-separated list); null when CORS stays off. */
export function corsSettings(
  corsOrigins: string,
  allowedHeaders: string[],
  exposedHeaders: string[],
): CorsSettings | null {
  if (!corsOrigins) return null;
  return {
    origin: corsOrigins === '*' ? true : corsOrigins.split(','),
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowedHeaders,
    exposedHeaders,
    maxAge: 600,
  };
}
