import type { ImageTokenRule } from '@switchyard/contracts';
import type { CatalogReader } from './catalog-reader.util';

type Fields = Record<string, unknown>;

interface RuleShape {
  fields: readonly string[];
  read(reader: CatalogReader, fields: Fields, path: string): ImageTokenRule | undefined;
}

/** A decimal with at most 3 decimal places, as written in YAML (number or string), in thousandths. */
const THOUSANDTHS = /^(\d+)(?:\.(\d{1,3}))?$/;

function positiveMilli(reader: CatalogReader, value: unknown, path: string): number | undefined {
  const match = typeof value === 'number' || typeof value === 'string' ? THOUSANDTHS.exec(String(value)) : null;
  const milli = match ? Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0')) : 0;
  if (milli > 0 && Number.isSafeInteger(milli)) return milli;
  reader.report(path, `must be a positive number with at most 3 decimal places, got ${JSON.stringify(value)}`);
  return undefined;
}

/** The three ways providers bill images, each told apart by its field names. */
const SHAPES: readonly RuleShape[] = [
  {
    fields: ['base', 'per_tile'],
    read(reader, fields, path) {
      const baseTokens = reader.positiveInt(fields.base, `${path}.base`);
      const tileTokens = reader.positiveInt(fields.per_tile, `${path}.per_tile`);
      return baseTokens && tileTokens ? { kind: 'tiles', baseTokens, tileTokens } : undefined;
    },
  },
  {
    fields: ['per_patch', 'max_patches'],
    read(reader, fields, path) {
      const milliTokensPerPatch = positiveMilli(reader, fields.per_patch, `${path}.per_patch`);
      const maxPatches = reader.positiveInt(fields.max_patches, `${path}.max_patches`);
      return milliTokensPerPatch && maxPatches ? { kind: 'patches', milliTokensPerPatch, maxPatches } : undefined;
    },
  },
  {
    fields: ['per_pixels', 'max'],
    read(reader, fields, path) {
      const pixelsPerToken = reader.positiveInt(fields.per_pixels, `${path}.per_pixels`);
      const maxTokens = reader.positiveInt(fields.max, `${path}.max`);
      return pixelsPerToken && maxTokens ? { kind: 'pixels', pixelsPerToken, maxTokens } : undefined;
    },
  },
];

const SHAPE_NAMES =
  '{ base, per_tile } (OpenAI tiles), { per_patch, max_patches } (OpenAI patches) or { per_pixels, max } (pixels, as Anthropic)';

/**
 * A model's `image_tokens`: which rule its fields name, every field of that rule required and
 * no field of another. Invalid values are reported; the result is then undefined.
 */
export function parseImageTokenRule(reader: CatalogReader, value: unknown, path: string): ImageTokenRule | undefined {
  const fields = reader.object(value, path);
  if (!fields) return undefined;
  const keys = Object.keys(fields);
  const shape = SHAPES.find((candidate) => keys.some((key) => candidate.fields.includes(key)));
  if (!shape) {
    reader.report(path, `must be one of ${SHAPE_NAMES}`);
    return undefined;
  }
  reader.object(value, path, shape.fields);
  const rule = shape.read(reader, fields, path);
  return keys.every((key) => shape.fields.includes(key)) ? rule : undefined;
}
