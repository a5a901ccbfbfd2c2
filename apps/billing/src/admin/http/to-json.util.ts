/**
 * Makes a result JSON-safe: bigint (micro-credits, entry ids) becomes a decimal string, as JSON
 * numbers cannot carry it exactly; Dates become ISO strings through their toJSON.
 */
export function toJsonSafe(value: unknown): unknown {
  if (typeof value === 'bigint') return value.toString();
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(toJsonSafe);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonSafe(v)]));
}
