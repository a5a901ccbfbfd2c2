import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsDate, Matches, MaxDate, MinDate, ValidateBy, ValidateIf } from 'class-validator';
import { JSONSchema } from 'class-validator-jsonschema';

/** Largest value of an `Int` column (Postgres integer): limits and offsets stop here. */
export const INT32_MAX = 2_147_483_647;
/** Largest ledger entry id (Postgres bigint). */
const INT64_MAX = 2n ** 63n - 1n;
const FIRST_DAY = new Date('0001-01-01T00:00:00.000Z');
const LAST_DAY = new Date('9999-12-31T23:59:59.999Z');

/**
 * A time from an ISO 8601 string, within years 1 to 9999: Postgres refuses earlier ones, and
 * later ones no longer print as ISO 8601 dates.
 */
export function DateField(): PropertyDecorator {
  const message = '$property must be a date from 0001-01-01 to 9999-12-31';
  return applyDecorators(
    Type(() => Date),
    IsDate({ message }),
    MinDate(FIRST_DAY, { message }),
    MaxDate(LAST_DAY, { message }),
  );
}

/** A ledger page cursor: a ledger entry id, a decimal string within Postgres's bigint. */
export function EntryCursor(): PropertyDecorator {
  const message = `$property must be a ledger entry id (an integer from 0 to ${INT64_MAX})`;
  return applyDecorators(
    Matches(/^\d{1,19}$/, { message }),
    ValidateBy(
      { name: 'entryCursor', validator: { validate: (value: string) => BigInt(value) <= INT64_MAX } },
      { message },
    ),
  );
}

/**
 * A setting that may be omitted (left as it is) or null (cleared): its other rules apply to any
 * other value. Marked nullable in the OpenAPI document, which reads the rules off class-validator.
 */
export function NullableField(): PropertyDecorator {
  return applyDecorators(
    ValidateIf((_o, v) => v !== null && v !== undefined),
    JSONSchema({ nullable: true }) as PropertyDecorator,
  );
}
