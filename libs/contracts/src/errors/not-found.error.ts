import { SwitchyardError } from './switchyard.error';

/**
 * What the request addresses does not exist, or is not the caller's to see (404): a key of
 * another team is "not found", so ids of other teams cannot be probed. `param` names the field.
 *
 * The rule for a team, key or request that does not exist, whether a lookup found no row or a
 * foreign key (isForeignKeyViolation) found no row:
 * - it is what the request addresses (a path parameter like `/teams/:teamId/keys`, or the record
 *   an operation acts on, like the billed request a refund reverses): 404, this class;
 * - it is an attribute of what the request creates (the `teamId` an admin token is scoped to):
 *   400, an InvalidRequestError naming that field, since the request itself is wrong.
 */
export class NotFoundError extends SwitchyardError {
  constructor(message: string, param?: string, cause?: unknown) {
    super('not_found', message, { param, cause });
  }
}
