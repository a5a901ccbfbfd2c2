import type { ErrorCode } from './error-codes';

export interface SwitchyardErrorDetails {
  /** The request field (or header) at fault, shown to the client as `param`. */
  param?: string;
  /** How long the client should wait before trying again; answered as Retry-After. */
  retryAfterSeconds?: number;
  /** What went wrong underneath, for logs only. */
  cause?: unknown;
}

/**
 * A transport-free error: libraries throw its named subclasses (one per condition, next to this
 * file), and each transport (HTTP, SSE, queue) maps them: toOpenAiError for HTTP. `message` is safe
 * to show a client; `cause` never is. Not constructed directly (lint refuses `new SwitchyardError`):
 * a condition without a class gets one, so every place that raises it raises it the same way.
 */
export class SwitchyardError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: SwitchyardErrorDetails = {},
  ) {
    super(message);
    this.name = new.target.name;
  }

  get param(): string | undefined {
    return this.details.param;
  }
}
