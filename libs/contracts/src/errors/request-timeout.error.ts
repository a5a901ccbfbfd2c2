import { SwitchyardError } from './switchyard.error';

/** The request did not arrive within the server's request timeout (408). */
export class RequestTimeoutError extends SwitchyardError {
  constructor(message: string) {
    super('request_timeout', message);
  }
}
