import { NotFoundError } from '@switchyard/contracts';

/**
 * A usage event names a team or API key the database does not have. Only a bug or a wrong
 * database produces one, and retrying cannot fix it.
 */
export class UsageOwnerNotFoundError extends NotFoundError {
  constructor(cause: unknown) {
    super('The team or API key of a usage event does not exist.', undefined, cause);
  }
}
