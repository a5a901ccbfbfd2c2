import type { ErrorCode } from './error-codes';

/**
 * A transport-free error: libraries throw these, and each transport (HTTP, SSE, queue)
 * maps them. `message` is safe to show a client; `cause` never is.
 */
export class SwitchyardError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { param?: string; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message);
    this.name = 'SwitchyardError';
  }

  get param(): string | undefined {
    return this.details.param;
  }
}

export class InvalidRequestError extends SwitchyardError {
  constructor(message: string, param?: string) {
    super('invalid_request', message, { param });
    this.name = 'InvalidRequestError';
  }
}

export class InvalidApiKeyError extends SwitchyardError {
  constructor(message = 'Invalid API key provided.') {
    super('invalid_api_key', message);
    this.name = 'InvalidApiKeyError';
  }
}

export class InsufficientCreditsError extends SwitchyardError {
  constructor(message = 'Insufficient credits for this request.') {
    super('insufficient_credits', message);
    this.name = 'InsufficientCreditsError';
  }
}

export class PermissionDeniedError extends SwitchyardError {
  constructor(message: string, param?: string) {
    super('permission_denied', message, { param });
    this.name = 'PermissionDeniedError';
  }
}

export class ModelNotFoundError extends SwitchyardError {
  constructor(alias: string) {
    super('model_not_found', `Unknown model: ${alias}`, { param: 'model' });
    this.name = 'ModelNotFoundError';
  }
}

export class ServiceUnavailableError extends SwitchyardError {
  constructor(message: string, cause?: unknown) {
    super('service_unavailable', message, { cause });
    this.name = 'ServiceUnavailableError';
  }
}
