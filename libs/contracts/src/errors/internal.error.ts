import { SwitchyardError } from './switchyard.error';

/** Our own fault (500), with a message that is safe to show; unknown errors get a generic one instead. */
export class InternalError extends SwitchyardError {
  constructor(message: string, cause?: unknown) {
    super('internal_error', message, { cause });
  }
}
