import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientRequestIdOf } from '@switchyard/http-input';

/** A billing request's ids, by the gateway's rule (apps/gateway/src/http/request-context.ts). */
export interface RequestIds {
  /** Ours, for every request: the access log's id, named in a 500's message. */
  requestId: string;
  /** The client's x-request-id when it sent a sane one (clientRequestIdOf), echoed back and logged. */
  clientRequestId: string | null;
}

const IDS = Symbol('billingRequestIds');

type WithIds = IncomingMessage & { [IDS]?: RequestIds };

export function requestIdsOf(req: IncomingMessage | undefined): RequestIds | undefined {
  return (req as WithIds | undefined)?.[IDS];
}

/** First middleware: every answer, errors included, carries x-request-id (the client's, else ours). */
export function requestIdsMiddleware(req: IncomingMessage, res: ServerResponse, next: () => void): void {
  const ids: RequestIds = { requestId: randomUUID(), clientRequestId: clientRequestIdOf(req.headers['x-request-id']) };
  (req as WithIds)[IDS] = ids;
  res.setHeader('x-request-id', ids.clientRequestId ?? ids.requestId);
  next();
}
