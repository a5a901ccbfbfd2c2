import { CHAT_LIMITS } from '../chat-request.constants';
import { ValidateByProblem } from './problem-validator.util';

const { maxStopSequences, maxStopLength } = CHAT_LIMITS;

/** `stop`: one string, or an array of at most four strings. */
export function IsStop() {
  return ValidateByProblem('isStop', (value) => {
    if (typeof value === 'string')
      return value.length > maxStopLength ? `$property must be at most ${maxStopLength} characters long` : undefined;
    if (!Array.isArray(value)) return '$property must be a string or an array of strings';
    if (value.length > maxStopSequences) return `$property must contain at most ${maxStopSequences} sequences`;
    for (let i = 0; i < value.length; i += 1) {
      const sequence: unknown = value[i];
      if (typeof sequence !== 'string') return `$property[${i}] must be a string`;
      if (sequence.length > maxStopLength) return `$property[${i}] must be at most ${maxStopLength} characters long`;
    }
    return undefined;
  });
}
