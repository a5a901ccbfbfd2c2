import { SwitchyardError } from './switchyard.error';

/**
 * Something we depend on cannot serve right now (503): the database, Redis, every upstream of a
 * request. `retryAfterSeconds`, when known, is answered as Retry-After.
 */
export class ServiceUnavailableError extends SwitchyardError {
  constructor(message: string, cause?: unknown, retryAfterSeconds?: number) {
    super('service_unavailable', message, { cause, retryAfterSeconds });
  }
}
