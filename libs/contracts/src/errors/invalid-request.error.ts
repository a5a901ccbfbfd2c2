import { SwitchyardError } from './switchyard.error';

/** The request is malformed or breaks a rule (400); `param` names the field at fault. */
export class InvalidRequestError extends SwitchyardError {
  constructor(message: string, param?: string) {
    super('invalid_request', message, { param });
  }
}
