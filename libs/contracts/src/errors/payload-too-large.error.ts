import { SwitchyardError } from './switchyard.error';

/** The request body is over the configured limit (413). */
export class PayloadTooLargeError extends SwitchyardError {
  constructor(message: string) {
    super('payload_too_large', message);
  }
}
