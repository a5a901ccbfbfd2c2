import { type ArgumentMetadata, Injectable, ValidationPipe, type ValidationError } from '@nestjs/common';
import { InvalidRequestError } from '@switchyard/contracts';
import { findInputFault, MAX_INPUT_DEPTH } from './input-fault.util';

const SCANNED: ReadonlySet<ArgumentMetadata['type']> = new Set(['body', 'query', 'param']);

/**
 * Validates every admin input, body, query and path parameters alike: first the rules no field
 * may break (no NUL byte anywhere, no nesting past MAX_INPUT_DEPTH), then the field's DTO
 * constraints (types, lengths, ranges). Each failure is a 400 whose `param` names the field.
 * Unknown fields are refused, not dropped: a typo in a limit must not silently do nothing.
 */
@Injectable()
export class AdminValidationPipe extends ValidationPipe {
  constructor() {
    super({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      stopAtFirstError: true,
      exceptionFactory: fieldError,
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (SCANNED.has(metadata.type)) {
      const fault = findInputFault(value, metadata.data ?? '');
      if (fault?.problem === 'nul')
        throw new InvalidRequestError(`${fault.field || metadata.type} must not contain NUL bytes.`, fault.field);
      if (fault)
        throw new InvalidRequestError(
          `${fault.field || metadata.type} is nested too deeply (at most ${MAX_INPUT_DEPTH} levels).`,
          fault.field,
        );
    }
    return super.transform(value, metadata);
  }
}

/** The first broken constraint, named by its field's path (`name`, `allowedModels`, `settings.limit`). */
function fieldError(errors: ValidationError[]): InvalidRequestError {
  const path: string[] = [];
  let error: ValidationError | undefined = errors[0];
  while (error) {
    path.push(error.property);
    if (error.constraints) break;
    error = error.children?.[0];
  }
  const message = Object.values(error?.constraints ?? {})[0] ?? `${path.join('.')} is invalid.`;
  return new InvalidRequestError(message, path.join('.') || undefined);
}
