import { SwitchyardError } from './switchyard.error';

/**
 * What the request's path names does not exist, or is not the caller's to see (404): a key of
 * another team is "not found", so ids of other teams cannot be probed. `param` names the path
 * parameter. A missing thing named in a body field is an InvalidRequestError instead (see
 * TeamNotFoundError for the rule).
 */
export class NotFoundError extends SwitchyardError {
  constructor(message: string, param?: string, cause?: unknown) {
    super('not_found', message, { param, cause });
  }
}
