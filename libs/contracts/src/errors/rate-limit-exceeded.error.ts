import { SwitchyardError } from './switchyard.error';

/** A request or token limit per minute is used up (429, answered with Retry-After). */
export class RateLimitExceededError extends SwitchyardError {
  constructor(message: string, retryAfterSeconds: number) {
    super('rate_limit_exceeded', message, { retryAfterSeconds });
  }
}
