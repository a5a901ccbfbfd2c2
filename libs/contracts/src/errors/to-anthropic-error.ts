import type { ErrorCode } from './error-codes';
import { SwitchyardError } from './switchyard.error';

/** Anthropic's error body, as its SDKs parse it (`APIError.error`, `requestID`). */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
  request_id: string | null;
}

export interface AnthropicMappedError {
  status: number;
  body: AnthropicErrorBody;
  retryAfterSeconds?: number;
}

function assertNever(value: never): never {
  throw new Error(`Unmapped error code: ${String(value)}`);
}

/**
 * The status and Anthropic error type of each code. Statuses are ours (toOpenAiError's) except
 * where Anthropic has a status of its own its SDKs name a class for: 529 overloaded_error (we are
 * out of capacity: every candidate's circuit is open, or billing is unreachable).
 */
function statusAndType(code: ErrorCode): [number, string] {
  switch (code) {
    case 'invalid_request':
    case 'invalid_json':
    case 'upstream_bad_request':
      return [400, 'invalid_request_error'];
    case 'invalid_api_key':
      return [401, 'authentication_error'];
    case 'insufficient_credits':
      return [402, 'billing_error'];
    case 'permission_denied':
    case 'csrf_failed':
      return [403, 'permission_error'];
    case 'model_not_found':
    case 'not_found':
      return [404, 'not_found_error'];
    case 'payload_too_large':
      return [413, 'request_too_large'];
    case 'unsupported_media_type':
      return [415, 'invalid_request_error'];
    case 'request_timeout':
      return [408, 'invalid_request_error'];
    case 'request_header_fields_too_large':
      return [431, 'invalid_request_error'];
    case 'rate_limit_exceeded':
      return [429, 'rate_limit_error'];
    case 'upstream_error':
      return [502, 'api_error'];
    case 'service_unavailable':
      return [529, 'overloaded_error'];
    case 'upstream_timeout':
      return [504, 'timeout_error'];
    case 'internal_error':
      return [500, 'api_error'];
    default:
      return assertNever(code);
  }
}

/**
 * The one error vocabulary in Anthropic's Messages API shape (`{"type":"error","error":{type,
 * message},"request_id"}`), so the Anthropic SDKs raise their own classes. Unknown errors become a
 * 500 api_error that reveals nothing but the request id.
 */
export function toAnthropicError(err: unknown, requestId?: string): AnthropicMappedError {
  const request_id = requestId ?? null;
  if (err instanceof SwitchyardError) {
    const [status, type] = statusAndType(err.code);
    const message = err.param ? `${err.param}: ${err.message}` : err.message;
    return {
      status,
      retryAfterSeconds: err.details.retryAfterSeconds,
      body: { type: 'error', error: { type, message }, request_id },
    };
  }
  const message = requestId ? `Internal error (request ${requestId}).` : 'Internal error.';
  return { status: 500, body: { type: 'error', error: { type: 'api_error', message }, request_id } };
}
