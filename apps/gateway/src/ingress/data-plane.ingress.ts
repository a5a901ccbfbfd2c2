import { inRequestSpan, inStageSpan } from '../tracing/request-spans';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { closeAfterAnswer, discardBody, type JsonBodyLimits, readJsonBody } from '@switchyard/http-input';
import type { ApiKeyAuthenticator, AuthenticatedKey } from '@switchyard/keys';
import {
  type CorsPolicy,
  type HttpMetrics,
  setHeaders,
  STRICT_SECURITY_HEADERS,
  trackHttpAnswer,
} from '@switchyard/observability';
import { authenticateRequest, authorizationOf } from '../auth/authenticate-request';
import type { AccessLog } from '../http/access-log';
import type { InFlightTracker } from '../http/in-flight.tracker';
import { type RequestContext, startRequestContext } from '../http/request-context';
import { ingressPathOf } from './ingress-path.util';

/** A completion-style route: one path, served once its caller is authenticated and its body parsed. */
export interface IngressRoute {
  /** The route's path (its metric label and log name), taken in every spelling express would take. */
  path: string;
  /** Serves the request and owns its answer (JSON or SSE); throws what answerError answers. */
  serve(body: unknown, ctx: RequestContext, res: ServerResponse, key: AuthenticatedKey): Promise<void>;
  /** An error before the answer started, in the route's client API's shape (its door's error encoder). */
  answerError(err: unknown, requestId: string, res: ServerResponse, log: LoggerService): void;
}

export interface DataPlaneIngressDeps {
  routes: readonly IngressRoute[];
  authenticator: ApiKeyAuthenticator;
  inFlight: InFlightTracker;
  httpMetrics: HttpMetrics;
  accessLog: AccessLog;
  errorLog: LoggerService;
  /** Body size (on the wire and inflated), JSON depth and element count. */
  bodyLimits: JsonBodyLimits;
  /** The app's CORS policy, or null when CORS is off. */
  cors: CorsPolicy | null;
}

/**
 * The one way in for POST /v1/chat/completions (and the completion-style routes to come),
 * straight from node:http, ahead of express: the route every completion takes, so the one whose
 * per-request framework cost showed most in the profile (docs/benchmarks.md). In order: request
 * id, in-flight count, metrics, log line, security headers, CORS (a preflight ends here), the API
 * key — before a byte of the body is read, so a request without a valid key costs a header check —
 * then the body (limit, gzip/deflate/br, UTF-8, JSON depth and element count checked on the bytes
 * as they arrive, one JSON.parse), then the route. Whatever of a refused body is left unread is
 * discarded unparsed. Then the route's pipeline (pipeline/): stages from decode to encode, in the
 * route's door's shapes. Every other request goes on to express (the control routes).
 */
export class DataPlaneIngress {
  private readonly routes: ReadonlyMap<string, IngressRoute>;

  constructor(private readonly deps: DataPlaneIngressDeps) {
    this.routes = new Map(deps.routes.map((route) => [route.path, route]));
  }

  /** The route a request is for, or undefined when it is express's. */
  routeOf(req: Pick<IncomingMessage, 'method' | 'url'>): IngressRoute | undefined {
    if (req.method !== 'POST' && !(req.method === 'OPTIONS' && this.deps.cors)) return undefined;
    return this.routes.get(req.url ?? '') ?? this.routes.get(ingressPathOf(req.url));
  }

  /** The server's 'request' listener: the ingress's routes here, the rest to `next` (express). */
  listener(next: RequestListener): RequestListener {
    return (req, res) => {
      const route = this.routeOf(req);
      if (route) this.serve(route, req, res, false);
      else next(req, res);
    };
  }

  /**
   * The server's 'checkContinue' listener (requests sent with `Expect: 100-continue`, as curl does
   * for large bodies): the client is asked for its body only once its key is accepted.
   */
  continueListener(next: RequestListener): RequestListener {
    return (req, res) => {
      const route = this.routeOf(req);
      if (route) return this.serve(route, req, res, true);
      res.writeContinue();
      next(req, res);
    };
  }

  private serve(route: IngressRoute, req: IncomingMessage, res: ServerResponse, awaitsContinue: boolean): void {
    const { deps } = this;
    const ctx = startRequestContext(req, res);
    deps.inFlight.track(res);
    trackHttpAnswer(deps.httpMetrics, res, req.method ?? 'POST', () => route.path);
    deps.accessLog.record(req, res, ctx, route.path);
    setHeaders(res, STRICT_SECURITY_HEADERS);
    if (deps.cors?.apply(req, res)) return;
    let continued = !awaitsContinue;
    const admit = async () => {
      const key = await inStageSpan('auth', () =>
        authenticateRequest(deps.authenticator, authorizationOf(req.headers), ctx),
      );
      if (!continued) {
        continued = true;
        res.writeContinue();
      }
      const body = await readJsonBody(req, deps.bodyLimits);
      await route.serve(body, ctx, res, key);
    };
    const answerError = (err: unknown) => {
      // A client never asked for its body will not send it: this connection cannot carry another request.
      if (continued) discardBody(req, res);
      else closeAfterAnswer(req, res);
      route.answerError(err, ctx.requestId, res, deps.errorLog);
    };
    void inRequestSpan(req, res, route.path, ctx.requestId, admit, answerError);
  }
}
