import { InvalidRequestError } from '@switchyard/contracts';
import { MAX_HOLD_MICRO } from '@switchyard/holds';

const LIMIT = `${MAX_HOLD_MICRO} micro-credits (2^53 − 1, the most the credit holds count exactly)`;

/**
 * An operator's amount must stay within ±MAX_HOLD_MICRO: checked before anything is written, so
 * a change past it is a 400 with nothing committed instead of a committed entry the gateways
 * could not cache.
 */
export function assertAmountWithinLimit(amountMicro: bigint): void {
  if (amountMicro > MAX_HOLD_MICRO || amountMicro < -MAX_HOLD_MICRO)
    throw new InvalidRequestError(`The amount must be at most ${LIMIT} either way.`, 'amount');
}

/** The balance an operator's change would leave, checked the same way (under the account lock, before the write). */
export function assertBalanceWithinLimit(balanceMicro: bigint): void {
  if (balanceMicro > MAX_HOLD_MICRO || balanceMicro < -MAX_HOLD_MICRO)
    throw new InvalidRequestError(
      `This change would take the balance to ${balanceMicro} micro-credits, past the limit of ${LIMIT} either way.`,
      'amount',
    );
}
