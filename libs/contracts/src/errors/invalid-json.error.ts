import { SwitchyardError } from './switchyard.error';

/** The request body is not JSON (400). */
export class InvalidJsonError extends SwitchyardError {
  constructor(message = 'We could not parse the JSON body of your request.') {
    super('invalid_json', message);
  }
}
