import { SwitchyardError } from '@switchyard/contracts';

/**
 * A usage event that can never be billed as it stands (wrong shape, unknown tier, bad amount).
 * Retrying cannot fix it, so a worker fails the job for good and leaves it for an operator.
 */
export class MalformedUsageEventError extends SwitchyardError {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super('internal_error', `Malformed usage event: ${field} ${problem}`, { param: field });
    this.name = 'MalformedUsageEventError';
  }
}
