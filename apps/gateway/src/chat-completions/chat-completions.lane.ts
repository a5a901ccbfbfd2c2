import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import type { ApiKeyAuthenticator } from '@switchyard/keys';
import { type HttpMetrics, setHeaders, STRICT_SECURITY_HEADERS, trackHttpAnswer } from '@switchyard/observability';
import { authenticateRequest } from '../auth/authenticate-request';
import { answerWithError } from '../errors/answer-with-error';
import type { AccessLog } from '../http/access-log';
import type { InFlightTracker } from '../http/in-flight.tracker';
import { isPlainJsonBody, readJsonBody } from '../http/json-body';
import { startRequestContext } from '../http/request-context';
import type { ChatCompletionsService } from './chat-completions.service';

const ROUTE = '/v1/chat/completions';

export interface ChatLaneDeps {
  chat: ChatCompletionsService;
  authenticator: ApiKeyAuthenticator;
  inFlight: InFlightTracker;
  httpMetrics: HttpMetrics;
  onAnswer: (res: ServerResponse, route: string) => void;
  accessLog: AccessLog;
  errorLog: LoggerService;
  bodyLimitBytes: number;
  corsEnabled: boolean;
}

/** Whether the lane serves a request itself rather than handing it on to express. */
export function takenByChatLane(
  req: Pick<IncomingMessage, 'method' | 'url' | 'headers'>,
  corsEnabled: boolean,
): boolean {
  if (req.method !== 'POST') return false;
  const url = req.url ?? '';
  if (url !== ROUTE && !url.startsWith(`${ROUTE}?`)) return false;
  if (corsEnabled && req.headers.origin !== undefined) return false;
  return isPlainJsonBody(req);
}

/**
 * POST /v1/chat/completions straight from node:http, ahead of express and Nest: the route every
 * completion takes, so the one whose per-request framework cost (router layers, middleware chain,
 * guard pipeline, pino-http child loggers) showed most in the profile. It does what that chain does,
 * in the same order, with the same helpers: request id, in-flight count, metrics, log line,
 * security headers, body (limit, JSON), API key, then ChatCompletionsService. Requests it does
 * not take as they are (compressed or non-UTF-8 bodies, CORS calls, other spellings of the path)
 * go on to express, whose Nest route ends in the same service.
 */
export class ChatCompletionsLane {
  constructor(private readonly deps: ChatLaneDeps) {}

  /** A request listener that serves the lane's requests and hands the rest to `next` (the express app). */
  listener(next: RequestListener): RequestListener {
    return (req, res) => (takenByChatLane(req, this.deps.corsEnabled) ? this.serve(req, res) : next(req, res));
  }

  private serve(req: IncomingMessage, res: ServerResponse): void {
    const { deps } = this;
    const ctx = startRequestContext(req, res);
    deps.inFlight.track(res);
    trackHttpAnswer(deps.httpMetrics, res, 'POST', () => ROUTE, deps.onAnswer);
    deps.accessLog.record(req, res, ctx, ROUTE);
    setHeaders(res, STRICT_SECURITY_HEADERS);
    readJsonBody(req, deps.bodyLimitBytes)
      .then(async (body) =>
        deps.chat.handle(body, ctx, res, await authenticateRequest(deps.authenticator, req.headers.authorization, ctx)),
      )
      .catch((err: unknown) => answerWithError(err, ctx.requestId, res, deps.errorLog));
  }
}
