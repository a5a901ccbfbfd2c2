import type { ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { type GatewayMetrics, headerOf, type HttpMetrics, httpMetricsMiddleware } from '@switchyard/observability';

/** Observes the gateway's own overhead (x-switchyard-overhead-ms) once an answer is over. */
export function overheadObserver(gateway: GatewayMetrics): (res: ServerResponse, route: string) => void {
  return (res, route) => {
    const overheadMs = Number(headerOf(res, 'x-switchyard-overhead-ms'));
    if (overheadMs > 0) gateway.overhead.observe({ route }, overheadMs / 1000);
  };
}

/** The shared request metrics, plus the gateway's overhead histogram. */
export function gatewayHttpMetricsMiddleware(http: HttpMetrics, gateway: GatewayMetrics): RequestHandler {
  return httpMetricsMiddleware(http, overheadObserver(gateway));
}
