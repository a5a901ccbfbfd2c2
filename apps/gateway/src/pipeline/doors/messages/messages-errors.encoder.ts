import { SwitchyardError, toAnthropicError } from '@switchyard/contracts';
import type { ErrorEncoder } from '../door';

/**
 * Anthropic's error shape, through the one vocabulary (toAnthropicError), for everything refused
 * on a Messages API route, the ingress's refusals (key, body limits) included: status, Retry-After,
 * request-id (what the Anthropic SDKs read as requestID) and the body. Once a stream started, one
 * `error` event and the end. Our own failures (5xx) are logged with their cause.
 */
export const messagesErrorsEncoder: ErrorEncoder = {
  answer(err, requestId, res, log) {
    const mapped = toAnthropicError(err, requestId);
    if (mapped.status >= 500) {
      const detail = err instanceof SwitchyardError ? (err.details.cause ?? err.message) : err;
      log.error({ requestId, type: mapped.body.error.type, detail: String(detail) });
    }
    const json = JSON.stringify(mapped.body);
    if (res.headersSent) {
      if (!res.writableEnded) res.end(`event: error\ndata: ${json}\n\n`);
      return;
    }
    if (mapped.retryAfterSeconds !== undefined) res.setHeader('retry-after', String(mapped.retryAfterSeconds));
    if (!res.hasHeader('x-request-id')) res.setHeader('x-request-id', requestId);
    res.setHeader('request-id', requestId);
    res.statusCode = mapped.status;
    res.setHeader('content-type', 'application/json; charset=utf-8');
    res.setHeader('content-length', Buffer.byteLength(json));
    res.end(json);
  },
};
