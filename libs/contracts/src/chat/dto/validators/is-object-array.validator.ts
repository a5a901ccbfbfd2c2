import { isJsonObject } from '../dto-fields.util';
import { ValidateByProblem } from './problem-validator.util';

/**
 * An array of `min`..`max` JSON objects. @ValidateNested alone would accept `[[{...}]]` (it
 * recurses into nested arrays) and reports a bad element with an unhelpful message.
 */
export function IsObjectArray(min: number, max: number) {
  return ValidateByProblem('isObjectArray', (value) => {
    if (!Array.isArray(value)) return '$property must be an array';
    if (value.length < min) return `$property must contain at least ${min} element${min === 1 ? '' : 's'}`;
    if (value.length > max) return `$property must contain at most ${max} elements`;
    const bad = value.findIndex((item) => !isJsonObject(item));
    return bad === -1 ? undefined : `$property[${bad}] must be an object`;
  });
}
