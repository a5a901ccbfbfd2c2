import { SwitchyardError } from './switchyard.error';

/** The request headers are over Node's limit (431). */
export class RequestHeaderFieldsTooLargeError extends SwitchyardError {
  constructor(message: string) {
    super('request_header_fields_too_large', message);
  }
}
