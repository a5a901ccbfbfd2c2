import { SwitchyardError } from '@switchyard/contracts';

export type UpstreamErrorCode = 'upstream_error' | 'upstream_timeout' | 'upstream_bad_request';

export interface UpstreamErrorOptions {
  /** Whether another attempt (the next candidate model) may succeed where this one failed. */
  retriable: boolean;
  provider?: string;
  upstreamStatus?: number;
  retryAfterSeconds?: number;
  /** What the upstream said, for logs only: it may name internals and is never shown to a client. */
  detail?: string;
  cause?: unknown;
}

/**
 * A failed upstream call. `message` is safe for clients; the upstream's own words stay in `detail`.
 * The upstream's Retry-After is kept here for the router, not in `details`, so it does not become
 * the client's Retry-After on a 502.
 */
export class UpstreamError extends SwitchyardError {
  readonly retriable: boolean;
  readonly provider?: string;
  readonly upstreamStatus?: number;
  readonly retryAfterSeconds?: number;
  readonly detail?: string;

  constructor(code: UpstreamErrorCode, message: string, options: UpstreamErrorOptions) {
    super(code, message, { cause: options.cause });
    this.name = 'UpstreamError';
    this.retriable = options.retriable;
    this.provider = options.provider;
    this.upstreamStatus = options.upstreamStatus;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.detail = options.detail;
  }
}
