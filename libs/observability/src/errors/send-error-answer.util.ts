import type { ServerResponse } from 'node:http';
import type { MappedError } from '@switchyard/contracts';

const isEventStream = (res: ServerResponse) =>
  String(res.getHeader('content-type') ?? '').startsWith('text/event-stream');

/**
 * Writes a mapped error: status, Retry-After when the error has one, and the OpenAI-shaped body,
 * in one write. Once an answer has started the status line is gone: an SSE stream gets the error
 * as one `data:` event and closes; any other body (a CSV export) is ended where it stopped.
 */
export function sendErrorAnswer(res: ServerResponse, mapped: MappedError): void {
  if (res.headersSent) {
    if (res.writableEnded) return;
    if (isEventStream(res)) res.write(`data: ${JSON.stringify({ error: mapped.body.error })}\n\n`);
    res.end();
    return;
  }
  if (mapped.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(mapped.retryAfterSeconds));
  const json = JSON.stringify(mapped.body);
  res.statusCode = mapped.status;
  res.setHeader('content-type', 'application/json; charset=utf-8');
  res.setHeader('content-length', Buffer.byteLength(json));
  res.end(json);
}
