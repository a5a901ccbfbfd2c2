import { SwitchyardError } from './switchyard.error';

/**
 * A write made with a console session cookie without the session's CSRF token, or from another
 * origin (403): the browser sent the cookie, but not on behalf of the console.
 */
export class CsrfFailedError extends SwitchyardError {
  constructor(message: string) {
    super('csrf_failed', message);
  }
}
