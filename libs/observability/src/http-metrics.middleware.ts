import type { ServerResponse } from 'node:http';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { HttpMetrics } from './http-metrics';
import { routeLabelOf } from './route-label.util';

/** A response header's value, or '' (the label for "not set"). */
export function headerOf(res: Pick<ServerResponse, 'getHeader'>, name: string): string {
  const value = res.getHeader(name);
  return typeof value === 'string' ? value : '';
}

/**
 * Counts one answer once it is over (finished, or cut by a client that left): route, method,
 * status, and the model and tier from the x-switchyard-* headers where the app sets them.
 * `routeOf` is asked at the end, when the router has matched.
 */
export function trackHttpAnswer(http: HttpMetrics, res: ServerResponse, method: string, routeOf: () => string): void {
  const startedAt = performance.now();
  http.inFlight.inc();
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    http.inFlight.dec();
    const status = res.headersSent ? String(res.statusCode) : 'aborted';
    http.observe(
      {
        route: routeOf(),
        method,
        status,
        model: headerOf(res, 'x-switchyard-model'),
        tier: headerOf(res, 'x-switchyard-tier'),
      },
      (performance.now() - startedAt) / 1000,
    );
  };
  res.once('finish', finish);
  res.once('close', finish);
}

/** trackHttpAnswer for every request an express app serves. */
export function httpMetricsMiddleware(http: HttpMetrics): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    trackHttpAnswer(http, res, req.method, () => routeLabelOf(req));
    next();
  };
}
