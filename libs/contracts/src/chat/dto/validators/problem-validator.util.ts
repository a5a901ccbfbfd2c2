import { registerDecorator, validateSync, type ValidationArguments } from 'class-validator';
import { VALIDATOR_OPTIONS } from '../validation-options.constants';
import { firstViolation } from './first-violation.util';

/**
 * Returns undefined when the value is fine, else a message that starts with `$property`,
 * optionally followed by a relative path (`$property[3].type must be ...`).
 */
export type ProblemFinder = (value: unknown, args: ValidationArguments) => string | undefined;

/**
 * A custom validator backed by one pure function. class-validator registers it once, at class
 * definition; the finder runs again only to word the message when validation already failed.
 */
export function ValidateByProblem(name: string, findProblem: ProblemFinder) {
  return (target: object, propertyName: string | symbol): void => {
    registerDecorator({
      name,
      target: target.constructor,
      propertyName: String(propertyName),
      validator: {
        validate: (value: unknown, args?: ValidationArguments) =>
          findProblem(value, args as ValidationArguments) === undefined,
        defaultMessage: (args?: ValidationArguments) =>
          findProblem(args?.value, args as ValidationArguments) ?? '$property is invalid',
      },
    });
  };
}

/**
 * Validates a nested DTO instance and returns its first problem as a relative path plus message
 * (`function.name must be ...`), for validators whose value is polymorphic and so cannot use
 * @ValidateNested (which rejects strings).
 */
export function nestedProblem(instance: object): string | undefined {
  return firstViolation(validateSync(instance, VALIDATOR_OPTIONS))?.message;
}
