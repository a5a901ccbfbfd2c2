import type { ServerResponse } from 'node:http';
import type { MappedError } from '@switchyard/contracts';
import { sendJson } from '../http/json-response';

/**
 * Writes an error in OpenAI's shape. Once an SSE stream has started the status line is gone,
 * so the error travels as one `data:` event and the stream closes.
 */
export function sendOpenAiError(res: ServerResponse, mapped: MappedError): void {
  if (res.headersSent) {
    if (!res.writableEnded) {
      res.write(`data: ${JSON.stringify({ error: mapped.body.error })}\n\n`);
      res.end();
    }
    return;
  }
  if (mapped.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(mapped.retryAfterSeconds));
  sendJson(res, mapped.status, mapped.body);
}
