import { buildMessage, maxLength, ValidateBy } from 'class-validator';

/**
 * class-validator's MaxLength (same name, count and message) without its cost on a huge string:
 * validator.js counts surrogate pairs and variation selectors with global regex matches, one
 * string allocated per match (a 9 MB `name` of emoji took 850 ms). No character counts for
 * less than a third of its UTF-16 units (an emoji, its low surrogate and a variation selector
 * count as one), so a string over three times the limit is refused without counting.
 */
export function MaxCharacters(max: number): PropertyDecorator {
  return ValidateBy({
    name: 'maxLength',
    constraints: [max],
    validator: {
      validate: (value) => typeof value === 'string' && value.length <= 3 * max && maxLength(value, max),
      defaultMessage: buildMessage(
        (eachPrefix) => `${eachPrefix}$property must be shorter than or equal to $constraint1 characters`,
      ),
    },
  });
}
