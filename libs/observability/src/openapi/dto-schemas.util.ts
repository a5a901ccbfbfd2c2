import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';

interface TypeMetadataStorage {
  findTypeMetadata(target: object, propertyName: string): { typeFunction: () => unknown } | undefined;
}
// class-transformer keeps @Type() targets here (not exported from its index, and untyped): the
// only way to learn which DTO an array of nested objects holds.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TypeMetadataStorage;
};

/** A JSON-schema object as OpenAPI 3 writes it (the subset generated here). */
export interface DtoSchema {
  type?: string;
  properties?: Record<string, DtoSchema>;
  required?: string[];
  items?: DtoSchema;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  pattern?: string;
  nullable?: boolean;
  description?: string;
  $ref?: string;
}

type Dto = new (...args: never[]) => object;

/** What a built-in class-validator rule says about a property's schema. */
function applyRule(schema: DtoSchema, meta: ValidationMetadata): void {
  const [first, second] = (meta.constraints ?? []) as unknown[];
  switch (meta.name) {
    case 'isString':
      schema.type = 'string';
      break;
    case 'isInt':
      schema.type = 'integer';
      break;
    case 'isNumber':
      schema.type = 'number';
      break;
    case 'isBoolean':
      schema.type = 'boolean';
      break;
    case 'isObject':
      schema.type ??= 'object';
      break;
    case 'isArray':
      schema.type = 'array';
      break;
    case 'isIn':
      schema.enum = first as unknown[];
      break;
    case 'equals':
      schema.enum = [first];
      break;
    case 'min':
      schema.minimum = first as number;
      break;
    case 'max':
      schema.maximum = first as number;
      break;
    case 'maxLength':
      schema.maxLength = first as number;
      break;
    case 'arrayMinSize':
      schema.minItems = first as number;
      break;
    case 'arrayMaxSize':
      schema.maxItems = first as number;
      break;
    case 'matches':
      schema.pattern = String(first instanceof RegExp ? first.source : first);
      break;
    case 'isObjectArray':
      schema.type = 'array';
      if (typeof first === 'number') schema.minItems = first;
      if (typeof second === 'number') schema.maxItems = second;
      break;
    default:
      // A custom rule (model selection, message content, stop…): named so the reader can look it up.
      if (meta.name && !['isOptional', 'isDefined', 'isNotEmpty'].includes(meta.name)) {
        schema.description = [schema.description, `Validated by ${meta.name}.`].filter(Boolean).join(' ');
      }
  }
}

/**
 * OpenAPI component schemas generated from class-validator DTOs (and the DTOs they nest through
 * class-transformer's @Type), so the docs cannot drift from the validation that actually runs.
 * No @ApiProperty needed: the contracts lib stays free of Nest.
 */
export function dtoSchemas(roots: readonly Dto[]): Record<string, DtoSchema> {
  const schemas: Record<string, DtoSchema> = {};
  const pending = [...roots];
  const storage = getMetadataStorage();
  while (pending.length > 0) {
    const dto = pending.pop() as Dto;
    if (schemas[dto.name]) continue;
    const metas = storage.getTargetValidationMetadatas(dto, '', true, false);
    if (metas.length === 0) continue;
    const properties: Record<string, DtoSchema> = {};
    const optional = new Set<string>();
    const nestedDtos = new Map<string, Dto>();
    for (const meta of metas) {
      const schema = (properties[meta.propertyName] ??= {});
      if (meta.type === 'conditionalValidation') optional.add(meta.propertyName);
      else if (meta.type !== 'nestedValidation') applyRule(schema, meta);
      else {
        const nested = defaultMetadataStorage.findTypeMetadata(dto, meta.propertyName)?.typeFunction() as
          Dto | undefined;
        if (nested && storage.getTargetValidationMetadatas(nested, '', true, false).length > 0)
          nestedDtos.set(meta.propertyName, nested);
      }
    }
    for (const [name, nested] of nestedDtos) {
      pending.push(nested);
      const ref = { $ref: `#/components/schemas/${nested.name}` };
      if (properties[name].type === 'array') properties[name].items = ref;
      else properties[name] = ref;
    }
    const required = Object.keys(properties).filter((name) => !optional.has(name));
    schemas[dto.name] = { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
  }
  return schemas;
}
