import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { CorsSettings } from './security-headers.util';

/**
 * CORS for one app, the same on every route whichever way it is served (express middleware or
 * the gateway's ingress): what the `cors` package did with these settings, header for header.
 * An allowed Origin is reflected (never `*`, so answers vary by Origin); every OPTIONS request
 * is a preflight, answered 204 at once; other answers get the exposed headers.
 */
export class CorsPolicy {
  private readonly methods: string;
  private readonly allowedHeaders: string;
  private readonly exposedHeaders: string;
  private readonly maxAge: string;

  constructor(private readonly settings: CorsSettings) {
    this.methods = settings.methods.join(',');
    this.allowedHeaders = settings.allowedHeaders.join(',');
    this.exposedHeaders = settings.exposedHeaders.join(',');
    this.maxAge = String(settings.maxAge);
  }

  /** Sets the CORS headers on the answer to `req`; true when `req` was a preflight and is answered. */
  apply(req: IncomingMessage, res: ServerResponse): boolean {
    const origin = req.headers.origin;
    if (origin !== undefined && (this.settings.origin === true || this.settings.origin.includes(origin))) {
      res.setHeader('access-control-allow-origin', origin);
    }
    appendVary(res, 'Origin');
    if (req.method !== 'OPTIONS') {
      if (this.exposedHeaders) res.setHeader('access-control-expose-headers', this.exposedHeaders);
      return false;
    }
    res.setHeader('access-control-allow-methods', this.methods);
    if (this.allowedHeaders) res.setHeader('access-control-allow-headers', this.allowedHeaders);
    res.setHeader('access-control-max-age', this.maxAge);
    if (this.exposedHeaders) res.setHeader('access-control-expose-headers', this.exposedHeaders);
    res.statusCode = 204;
    res.setHeader('content-length', '0');
    res.end();
    return true;
  }

  /** The policy as express middleware, for the routes express serves. */
  readonly middleware: RequestHandler = (req: Request, res: Response, next: NextFunction) => {
    if (!this.apply(req, res)) next();
  };
}

function appendVary(res: ServerResponse, field: string): void {
  const current = res.getHeader('vary');
  if (current === undefined) return void res.setHeader('vary', field);
  const fields = String(current)
    .split(',')
    .map((f) => f.trim().toLowerCase());
  if (!fields.includes('*') && !fields.includes(field.toLowerCase()))
    res.setHeader('vary', `${String(current)}, ${field}`);
}
