import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { NextFunction } from 'express';

export interface RequestContext {
  /** Ours, unique: the key of the usage record and the ledger entry. */
  requestId: string;
  /** The client's x-request-id when it sent a sane one, echoed back and recorded. */
  clientRequestId: string | null;
  startedAt: number;
  /** Who is calling, once the API key is accepted: for the request's log line. */
  teamId?: string;
  keyPrefix?: string;
}

const CONTEXT = Symbol('switchyardContext');
const SANE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

type WithContext = IncomingMessage & { [CONTEXT]?: RequestContext };

export function requestContextOf(req: IncomingMessage): RequestContext | undefined {
  return (req as WithContext)[CONTEXT];
}

/** Stamps the request id and the start time the overhead header is measured from. */
export function startRequestContext(req: IncomingMessage, res: ServerResponse): RequestContext {
  const startedAt = performance.now();
  const sent = req.headers['x-request-id'];
  const clientRequestId = typeof sent === 'string' && SANE_REQUEST_ID.test(sent) ? sent : null;
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
