import { SwitchyardError } from './switchyard.error';

/** The team's balance cannot cover the request's hold (402). */
export class InsufficientCreditsError extends SwitchyardError {
  constructor(message = 'Insufficient credits for this request.') {
    super('insufficient_credits', message);
  }
}
