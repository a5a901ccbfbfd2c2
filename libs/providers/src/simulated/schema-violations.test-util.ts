// Specs only: not exported from the library.
type Schema = Record<string, unknown>;

/** Just enough JSON-schema checking to prove the generated values conform. */
function violations(value: unknown, schema: Schema, root: Schema, path = '$'): string[] {
  if (typeof schema['$ref'] === 'string')
    return violations(value, (root['$defs'] as Record<string, Schema>)[schema['$ref'].split('/').pop()!], root, path);
  if ('const' in schema) return value === schema['const'] ? [] : [`${path}: not the const`];
  if (Array.isArray(schema['enum'])) return schema['enum'].includes(value) ? [] : [`${path}: not in enum`];
  if (Array.isArray(schema['anyOf']))
    return schema['anyOf'].some((s) => violations(value, s as Schema, root, path).length === 0)
      ? []
      : [`${path}: no anyOf branch`];
  const types = ([] as unknown[]).concat(schema['type'] ?? []);
  const actual =
    value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (types.length > 0 && !types.includes(actual) && !(actual === 'integer' && types.includes('number')))
    return [`${path}: ${actual} is not ${types.join('|')}`];
  const problems: string[] = [];
  if (typeof value === 'number') {
    if (typeof schema['minimum'] === 'number' && value < schema['minimum']) problems.push(`${path}: below minimum`);
    if (typeof schema['maximum'] === 'number' && value > schema['maximum']) problems.push(`${path}: above maximum`);
  }
  if (typeof value === 'string') {
    if (typeof schema['minLength'] === 'number' && value.length < schema['minLength'])
      problems.push(`${path}: too short`);
    if (typeof schema['maxLength'] === 'number' && value.length > schema['maxLength'])
      problems.push(`${path}: too long`);
  }
  if (Array.isArray(value)) {
    if (typeof schema['minItems'] === 'number' && value.length < schema['minItems'])
      problems.push(`${path}: too few items`);
    if (typeof schema['maxItems'] === 'number' && value.length > schema['maxItems'])
      problems.push(`${path}: too many items`);
    value.forEach((item, i) =>
      problems.push(...violations(item, (schema['items'] as Schema) ?? {}, root, `${path}[${i}]`)),
    );
  }
  if (actual === 'object') {
    const record = value as Record<string, unknown>;
    const properties = (schema['properties'] as Record<string, Schema>) ?? {};
    for (const key of (schema['required'] as string[]) ?? [])
      if (!(key in record)) problems.push(`${path}.${key}: missing`);
    for (const [key, item] of Object.entries(record)) {
      if (properties[key]) problems.push(...violations(item, properties[key], root, `${path}.${key}`));
      else if (schema['additionalProperties'] === false) problems.push(`${path}.${key}: not allowed`);
    }
  }
  return problems;
}

/** Test helper (specs only): every way `value` breaks `schema`, empty when it conforms. */
export const schemaViolations = (value: unknown, schema: Schema): string[] => violations(value, schema, schema);
