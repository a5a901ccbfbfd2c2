import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction } from 'express';
import { clientRequestIdOf } from '@switchyard/http-input';

export interface RequestContext {
  /** Ours, unique: the key of the usage record and the ledger entry. */
  requestId: string;
  /** The client's x-request-id when it sent a sane one (clientRequestIdOf), echoed back and recorded. */
  clientRequestId: string | null;
  startedAt: number;
  /** Who is calling, once the API key is accepted: for the request's log line. */
  teamId?: string;
  keyPrefix?: string;
}

const CONTEXT = Symbol('switchyardContext');

type WithContext = IncomingMessage & { [CONTEXT]?: RequestContext };

export function requestContextOf(req: IncomingMessage): RequestContext | undefined {
  return (req as WithContext)[CONTEXT];
}

/** Stamps the request id and the start time the overhead header is measured from. */
export function startRequestContext(req: IncomingMessage, res: ServerResponse): RequestContext {
  const startedAt = performance.now();
  const clientRequestId = clientRequestIdOf(req.headers['x-request-id']);
  const ctx: RequestContext = { requestId: randomUUID(), clientRequestId, startedAt };
  (req as WithContext)[CONTEXT] = ctx;
  res.setHeader('x-request-id', clientRequestId ?? ctx.requestId);
  return ctx;
}

/** First middleware on the express side. */
export function requestContextMiddleware(req: IncomingMessage, res: ServerResponse, next: NextFunction): void {
  startRequestContext(req, res);
  next();
}
