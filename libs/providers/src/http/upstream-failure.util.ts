import { UpstreamError } from '../upstream.error';

const MAX_DETAIL_CHARS = 2000;
const MAX_CLIENT_MESSAGE_CHARS = 300;
// `{8}` then `*`, not `{8,}`: V8's counted loop keeps a backtrack entry per character and throws
// RangeError on megabytes of key-shaped text; this one runs in linear time.
const SECRET_PATTERN = /\b(?:sk|sy_live|sy_test|key)[-_][A-Za-z0-9_-]{8}[A-Za-z0-9_-]*/g;
const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

type HeaderValue = string | string[] | undefined;

/** Removes our key (and anything shaped like a key) from text an upstream sent back. */
export function redactSecrets(text: string, apiKey: string | undefined): string {
  const withoutKey = apiKey ? text.split(apiKey).join('[redacted]') : text;
  return withoutKey.replace(SECRET_PATTERN, '[redacted]');
}

function firstHeader(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** Reads `retry-after-ms` (OpenAI) or `retry-after` (seconds or an HTTP date) as whole seconds. */
export function parseRetryAfterSeconds(headers: Record<string, HeaderValue>, now = Date.now()): number | undefined {
  const ms = Number(firstHeader(headers['retry-after-ms']));
  if (Number.isFinite(ms) && ms >= 0 && firstHeader(headers['retry-after-ms']) !== undefined)
    return Math.ceil(ms / 1000);
  const raw = firstHeader(headers['retry-after'])?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.ceil(Number(raw));
  const date = Date.parse(raw);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** The upstream's own `error.message`, cleaned, when its body is OpenAI-shaped JSON. */
function upstreamErrorMessage(bodyText: string, apiKey: string | undefined): string | undefined {
  try {
    const parsed = JSON.parse(bodyText) as { error?: { message?: unknown } | string };
    const message = typeof parsed.error === 'string' ? parsed.error : parsed.error?.message;
    if (typeof message !== 'string' || message.trim() === '') return undefined;
    const clean = redactSecrets(message.replace(/\s+/g, ' ').trim(), apiKey);
    return clean.length > MAX_CLIENT_MESSAGE_CHARS ? `${clean.slice(0, MAX_CLIENT_MESSAGE_CHARS)}…` : clean;
  } catch {
    return undefined;
  }
}

/** Maps an upstream HTTP error status to the error the router and the client see. */
export function errorFromStatus(
  status: number,
  headers: Record<string, HeaderValue>,
  bodyText: string,
  provider: string,
  apiKey: string | undefined,
): UpstreamError {
  const detail = redactSecrets(bodyText.slice(0, MAX_DETAIL_CHARS), apiKey);
  const base = { provider, upstreamStatus: status, detail };
  if (status === 400 || status === 413 || status === 422) {
    const reason = upstreamErrorMessage(bodyText, apiKey);
    const message = reason
      ? `The upstream provider rejected the request: ${reason}`
      : 'The upstream provider rejected the request.';
    return new UpstreamError('upstream_bad_request', message, { ...base, retriable: false });
  }
  if (status === 408) {
    return new UpstreamError('upstream_timeout', 'The upstream provider timed out.', { ...base, retriable: true });
  }
  if (status === 429 || status === 409 || status >= 500) {
    const retryAfterSeconds = parseRetryAfterSeconds(headers);
    const message =
      status === 429
        ? 'The upstream provider is rate limiting requests.'
        : `The upstream provider failed (HTTP ${status}).`;
    return new UpstreamError('upstream_error', message, { ...base, retriable: true, retryAfterSeconds });
  }
  // 401/403/404 and the rest: our credentials or configuration, not the client's request.
  return new UpstreamError('upstream_error', `The upstream provider refused the call (HTTP ${status}).`, {
    ...base,
    retriable: false,
  });
}

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { code, errors } = err as { code?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  // Happy-eyeballs connects fail with an AggregateError of one error per address.
  return Array.isArray(errors) ? errorCode(errors[0]) : undefined;
}

/**
 * Maps a transport failure (connect, timeout, reset) to an UpstreamError. An abort requested by
 * our caller is not an upstream failure: the signal's reason is returned unchanged, except a
 * deadline (`AbortSignal.timeout`), which is a timeout.
 */
export function errorFromTransport(err: unknown, provider: string, signal: AbortSignal | undefined): unknown {
  if (err instanceof UpstreamError) return err;
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    // Not `instanceof Error`: DOMException may come from another realm.
    if (typeof reason === 'object' && reason !== null && (reason as { name?: unknown }).name === 'TimeoutError') {
      return new UpstreamError('upstream_timeout', 'The upstream provider did not answer in time.', {
        provider,
        retriable: true,
        cause: reason,
      });
    }
    return reason;
  }
  const code = errorCode(err);
  if (code !== undefined && TIMEOUT_CODES.has(code)) {
    return new UpstreamError('upstream_timeout', 'The upstream provider did not answer in time.', {
      provider,
      retriable: true,
      cause: err,
      detail: code,
    });
  }
  return new UpstreamError('upstream_error', 'Could not reach the upstream provider.', {
    provider,
    retriable: true,
    cause: err,
    detail: code ?? (err instanceof Error ? err.message : String(err)),
  });
}
