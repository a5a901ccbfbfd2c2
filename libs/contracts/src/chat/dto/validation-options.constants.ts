import type { ClassTransformOptions } from 'class-transformer';
import type { ValidatorOptions } from 'class-validator';

/**
 * Only @Expose()d properties are read from the client's JSON: unknown fields are never copied,
 * so they cannot cost work or reach class-transformer's untyped copying (which crashes on an own
 * `constructor` key). Leaf values are taken verbatim by `RawField` (no implicit conversion).
 */
export const TRANSFORM_OPTIONS: Readonly<ClassTransformOptions> = Object.freeze({
  excludeExtraneousValues: true,
  exposeUnsetFields: false,
  enableImplicitConversion: false,
});

/** Shared by the top-level validation and the nested validations the custom validators run. */
export const VALIDATOR_OPTIONS: Readonly<ValidatorOptions> = Object.freeze({
  whitelist: true,
  forbidNonWhitelisted: false,
  forbidUnknownValues: true,
  validationError: { target: false, value: false },
});
