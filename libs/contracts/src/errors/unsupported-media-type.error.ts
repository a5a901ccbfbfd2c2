import { SwitchyardError } from './switchyard.error';

/** The body is not JSON in UTF-8, or comes in an encoding we do not inflate (415). */
export class UnsupportedMediaTypeError extends SwitchyardError {
  constructor(message: string) {
    super('unsupported_media_type', message);
  }
}
