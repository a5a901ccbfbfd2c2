import { Expose, plainToInstance, Transform, Type } from 'class-transformer';
import { TRANSFORM_OPTIONS } from './validation-options.constants';

/** Has no exposed properties, so class-transformer copies nothing out of a value typed with it. */
class VerbatimJson {}

type Decorator = (target: object, propertyKey: string | symbol) => void;

/**
 * A leaf read verbatim from the parsed body: scalars, free-form JSON (a tool's `parameters`),
 * or values a custom validator will type-check. class-transformer never walks into it.
 */
export function RawField(): Decorator {
  return (target, key) => {
    Expose()(target, key);
    Type(() => VerbatimJson)(target, key);
    Transform(({ obj }: { obj: Record<string | symbol, unknown> }) => obj[key])(target, key);
  };
}

/** A nested DTO (or an array of them); non-object values stay as they are for the validators to reject. */
export function NestedField(dto: () => new () => object): Decorator {
  return (target, key) => {
    Expose()(target, key);
    Type(dto)(target, key);
  };
}

/** A polymorphic field: `convert` gets the raw value and returns what the validators should see. */
export function ConvertedField(convert: (raw: unknown) => unknown): Decorator {
  return (target, key) => {
    Expose()(target, key);
    Type(() => VerbatimJson)(target, key);
    Transform(({ obj }: { obj: Record<string | symbol, unknown> }) => convert(obj[key]))(target, key);
  };
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Builds a DTO instance from a raw JSON object; anything else is returned unchanged. */
export function toInstance(dto: new () => object, value: unknown): unknown {
  return isJsonObject(value) ? plainToInstance(dto, value, TRANSFORM_OPTIONS) : value;
}
