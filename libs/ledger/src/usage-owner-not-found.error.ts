import { SwitchyardError } from '@switchyard/contracts';

/**
 * A usage event names a team or API key the database does not have. Only a bug or a wrong
 * database produces one, and retrying cannot fix it.
 */
export class UsageOwnerNotFoundError extends SwitchyardError {
  constructor(cause: unknown) {
    super('not_found', 'The team or API key of a usage event does not exist.', { cause });
    this.name = 'UsageOwnerNotFoundError';
  }
}
