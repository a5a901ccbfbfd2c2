import type { ErrorCode } from './error-codes';
import { SwitchyardError } from './switchyard.error';

export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string };
  /** The seed API's top-level message, kept for its clients. */
  message: string;
}

export interface MappedError {
  status: number;
  body: OpenAiErrorBody;
  retryAfterSeconds?: number;
}

function assertNever(value: never): never {
  throw new Error(`Unmapped error code: ${String(value)}`);
}

function statusAndType(code: ErrorCode): [number, string] {
  switch (code) {
    case 'invalid_request':
    case 'invalid_json':
    case 'upstream_bad_request':
      return [400, 'invalid_request_error'];
    case 'invalid_api_key':
      return [401, 'authentication_error'];
    case 'insufficient_credits':
      return [402, 'insufficient_credits'];
    case 'permission_denied':
    case 'csrf_failed':
      return [403, 'permission_denied'];
    case 'model_not_found':
    case 'not_found':
      return [404, 'invalid_request_error'];
    case 'payload_too_large':
      return [413, 'invalid_request_error'];
    case 'unsupported_media_type':
      return [415, 'invalid_request_error'];
    case 'request_timeout':
      return [408, 'invalid_request_error'];
    case 'request_header_fields_too_large':
      return [431, 'invalid_request_error'];
    case 'rate_limit_exceeded':
      return [429, 'rate_limit_exceeded'];
    case 'upstream_error':
      return [502, 'upstream_error'];
    case 'service_unavailable':
      return [503, 'service_unavailable'];
    case 'upstream_timeout':
      return [504, 'upstream_timeout'];
    case 'internal_error':
      return [500, 'server_error'];
    default:
      return assertNever(code);
  }
}

/**
 * The one mapping from a thrown value to an HTTP answer, for both apps (the gateway's /v1 and
 * billing's /admin/v1): OpenAI's error shape, the status, and Retry-After when the error has one.
 * Unknown errors become a 500 that reveals nothing but the request id.
 */
export function toOpenAiError(err: unknown, requestId?: string): MappedError {
  if (err instanceof SwitchyardError) {
    const [status, type] = statusAndType(err.code);
    return {
      status,
      retryAfterSeconds: err.details.retryAfterSeconds,
      body: { error: { message: err.message, type, param: err.param ?? null, code: err.code }, message: err.message },
    };
  }
  const message = requestId ? `Internal error (request ${requestId}).` : 'Internal error.';
  return {
    status: 500,
    body: { error: { message, type: 'server_error', param: null, code: 'internal_error' }, message },
  };
}
