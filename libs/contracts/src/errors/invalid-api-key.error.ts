import { SwitchyardError } from './switchyard.error';

/** The API key or admin token is missing, malformed or not accepted (401). */
export class InvalidApiKeyError extends SwitchyardError {
  constructor(message = 'Invalid API key provided.') {
    super('invalid_api_key', message);
  }
}
