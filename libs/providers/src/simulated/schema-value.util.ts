import { intBetween, pick, type Random } from './deterministic-random.util';
import { phrase, SAMPLE_CITIES } from './simulated-text.util';

type Schema = Record<string, unknown>;

interface SchemaContext {
  random: Random;
  root: Schema;
  /** Text the request is about, used for free-text fields like `query`. */
  topic: string;
  depth: number;
}

const MAX_DEPTH = 8;
const MAX_ARRAY_ITEMS = 3;

function isSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolveRef(ref: string, root: Schema): Schema {
  if (!ref.startsWith('#/')) return {};
  let node: unknown = root;
  for (const segment of ref.slice(2).split('/')) {
    node = isSchema(node) ? node[segment.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined;
  }
  return isSchema(node) ? node : {};
}

function typeOf(schema: Schema): string {
  const { type } = schema;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) return (type.find((t) => t !== 'null') as string | undefined) ?? 'null';
  if (isSchema(schema['properties'])) return 'object';
  if (schema['items'] !== undefined) return 'array';
  return 'string';
}

function mergeAllOf(schema: Schema): Schema {
  const parts = (schema['allOf'] as unknown[]).filter(isSchema);
  const merged: Schema = { ...schema, allOf: undefined };
  for (const part of parts) {
    Object.assign(merged, part, {
      properties: { ...(merged['properties'] as Schema | undefined), ...(part['properties'] as Schema | undefined) },
      required: [
        ...((merged['required'] as string[] | undefined) ?? []),
        ...((part['required'] as string[] | undefined) ?? []),
      ],
    });
  }
  return merged;
}

function stringFor(schema: Schema, name: string, ctx: SchemaContext): string {
  const format = schema['format'];
  const key = name.toLowerCase();
  let value: string;
  if (format === 'date-time') value = '2025-01-15T09:30:00Z';
  else if (format === 'date' || /date/.test(key)) value = '2025-01-15';
  else if (format === 'time') value = '09:30:00';
  else if (format === 'email' || /email/.test(key)) value = 'user@example.com';
  else if (format === 'uri' || format === 'url' || /url|uri|link/.test(key)) value = 'https://example.com/';
  else if (format === 'uuid') value = '3f2b8c1e-5a7d-4e9b-8c2f-1a6d4e7b9c0a';
  else if (/city|location|place|destination/.test(key)) value = pick(ctx.random, SAMPLE_CITIES);
  else if (/country/.test(key)) value = 'France';
  else if (/lang/.test(key)) value = 'en';
  else if (/unit/.test(key)) value = 'celsius';
  else if (/name/.test(key)) value = 'Ada Lovelace';
  else if (/query|search|question|prompt|topic|text|message|q$/.test(key)) value = ctx.topic || phrase(ctx.random, 3);
  else if (/id$/.test(key)) value = `id_${intBetween(ctx.random, 1000, 9999)}`;
  else value = phrase(ctx.random, 2);
  const minLength = typeof schema['minLength'] === 'number' ? schema['minLength'] : 0;
  const maxLength = typeof schema['maxLength'] === 'number' ? schema['maxLength'] : Infinity;
  while (value.length < minLength) value += ` ${phrase(ctx.random, 1)}`;
  return value.length > maxLength ? value.slice(0, maxLength) : value;
}

function numberFor(schema: Schema, integer: boolean, ctx: SchemaContext): number {
  const num = (key: string): number | undefined =>
    typeof schema[key] === 'number' ? (schema[key] as number) : undefined;
  const step = integer ? 1 : 0.01;
  let min = num('minimum') ?? (num('exclusiveMinimum') !== undefined ? num('exclusiveMinimum')! + step : undefined);
  let max = num('maximum') ?? (num('exclusiveMaximum') !== undefined ? num('exclusiveMaximum')! - step : undefined);
  min ??= max !== undefined ? Math.min(1, max) : 1;
  max ??= min + 99;
  if (integer) return intBetween(ctx.random, Math.ceil(min), Math.floor(max));
  const value = Math.round((min + ctx.random() * (max - min)) * 100) / 100;
  return Math.min(max, Math.max(min, value));
}

function objectFor(schema: Schema, ctx: SchemaContext): Record<string, unknown> {
  const properties = isSchema(schema['properties']) ? schema['properties'] : {};
  const required = Array.isArray(schema['required'])
    ? (schema['required'] as unknown[]).filter((r): r is string => typeof r === 'string')
    : [];
  const result: Record<string, unknown> = {};
  for (const key of new Set([...required, ...Object.keys(properties)])) {
    result[key] = valueFor(properties[key] ?? { type: 'string' }, key, ctx);
  }
  return result;
}

function valueFor(rawSchema: unknown, name: string, ctx: SchemaContext): unknown {
  if (!isSchema(rawSchema) || ctx.depth > MAX_DEPTH) return stringFor({}, name, ctx);
  const inner = { ...ctx, depth: ctx.depth + 1 };
  let schema = rawSchema;
  if (typeof schema['$ref'] === 'string')
    schema = { ...resolveRef(schema['$ref'], ctx.root), ...schema, $ref: undefined };
  if (Array.isArray(schema['allOf'])) schema = mergeAllOf(schema);
  if ('const' in schema) return schema['const'];
  if (Array.isArray(schema['enum']) && schema['enum'].length > 0) return pick(ctx.random, schema['enum']);
  const options = (schema['anyOf'] ?? schema['oneOf']) as unknown;
  if (Array.isArray(options) && options.length > 0) {
    const choice = options.find((o) => isSchema(o) && o['type'] !== 'null') ?? options[0];
    return valueFor(choice, name, inner);
  }
  switch (typeOf(schema)) {
    case 'object':
      return objectFor(schema, inner);
    case 'array': {
      const minItems = typeof schema['minItems'] === 'number' ? schema['minItems'] : 1;
      const maxItems = typeof schema['maxItems'] === 'number' ? schema['maxItems'] : MAX_ARRAY_ITEMS;
      const count = Math.max(minItems, Math.min(maxItems, intBetween(ctx.random, 1, MAX_ARRAY_ITEMS)));
      return Array.from({ length: count }, () => valueFor(schema['items'] ?? { type: 'string' }, name, inner));
    }
    case 'integer':
      return numberFor(schema, true, ctx);
    case 'number':
      return numberFor(schema, false, ctx);
    case 'boolean':
      return ctx.random() < 0.5;
    case 'null':
      return null;
    default:
      return stringFor(schema, name, ctx);
  }
}

/**
 * A plausible value that satisfies a JSON schema's structure: every required (and declared)
 * property, types, enums/consts, numeric bounds, string lengths and common formats, local
 * `$ref`s, and the first branch of anyOf/oneOf. Patterns are not honoured.
 */
export function valueForSchema(schema: unknown, random: Random, topic: string): unknown {
  const root = isSchema(schema) ? schema : {};
  return valueFor(isSchema(schema) ? schema : { type: 'object' }, '', { random, root, topic, depth: 0 });
}
