import {
  EMBEDDING_PROVIDER_KINDS,
  TIERS,
  type EmbeddingModel,
  type ProviderConfig,
  type ProviderKind,
} from '@switchyard/contracts';
import type { CatalogReader } from './catalog-reader.util';
import { parseRateOverride } from './parse-rates.util';

export const EMBEDDING_MODEL_FIELDS = [
  'alias',
  'kind',
  'provider',
  'upstream_model',
  'tier',
  'pricing',
  'dimensions',
  'accepts_dimensions',
  'max_inputs',
  'max_input_tokens',
  'max_total_tokens',
] as const;

/** OpenAI's own limits for text-embedding-3-*: what a model gets when its entry names none. */
const DEFAULT_LIMITS = { maxInputs: 2048, maxInputTokens: 8192, maxTotalTokens: 300_000 } as const;

/**
 * One `kind: embedding` entry of `models` (the caller checked the alias and the provider's name).
 * Its provider must have an embeddings endpoint; only an input price makes sense for it.
 */
export function parseEmbeddingModel(
  reader: CatalogReader,
  entry: Record<string, unknown>,
  path: string,
  alias: string | undefined,
  provider: ProviderConfig | undefined,
): EmbeddingModel | undefined {
  if (provider && !EMBEDDING_PROVIDER_KINDS.includes(provider.kind)) {
    reader.report(`${path}.provider`, `${describeKind(provider.kind)} provider has no embeddings endpoint`);
  }
  const upstreamModel =
    entry.upstream_model === undefined ? alias : reader.string(entry.upstream_model, `${path}.upstream_model`);
  const tier = reader.oneOf(entry.tier, TIERS, `${path}.tier`);
  const pricing = entry.pricing === undefined ? {} : parseRateOverride(reader, entry.pricing, `${path}.pricing`);
  if (pricing && (pricing.outputPer1kMicro !== undefined || pricing.cachedInputPer1kMicro !== undefined)) {
    reader.report(`${path}.pricing`, 'an embedding model is priced by input only');
  }
  const dimensions = reader.positiveInt(entry.dimensions, `${path}.dimensions`);
  const acceptsDimensions = flag(reader, entry.accepts_dimensions, `${path}.accepts_dimensions`);
  const limit = (field: string, fallback: number): number | undefined =>
    entry[field] === undefined ? fallback : reader.positiveInt(entry[field], `${path}.${field}`);
  const maxInputs = limit('max_inputs', DEFAULT_LIMITS.maxInputs);
  const maxInputTokens = limit('max_input_tokens', DEFAULT_LIMITS.maxInputTokens);
  const maxTotalTokens = limit('max_total_tokens', DEFAULT_LIMITS.maxTotalTokens);
  if (maxInputTokens !== undefined && maxTotalTokens !== undefined && maxTotalTokens < maxInputTokens) {
    reader.report(`${path}.max_total_tokens`, `${maxTotalTokens} is below max_input_tokens ${maxInputTokens}`);
  }
  if (
    !alias ||
    !provider ||
    !upstreamModel ||
    !tier ||
    !pricing ||
    !dimensions ||
    acceptsDimensions === undefined ||
    !maxInputs ||
    !maxInputTokens ||
    !maxTotalTokens
  )
    return undefined;
  return Object.freeze({
    kind: 'embedding',
    alias,
    provider: provider.name,
    upstreamModel,
    tier,
    ...(pricing.inputPer1kMicro !== undefined ? { inputPer1kMicro: pricing.inputPer1kMicro } : {}),
    dimensions,
    acceptsDimensions,
    maxInputs,
    maxInputTokens,
    maxTotalTokens,
  });
}

function flag(reader: CatalogReader, value: unknown, path: string): boolean | undefined {
  if (value === undefined) return false;
  if (typeof value === 'boolean') return value;
  reader.report(path, `must be true or false, got ${JSON.stringify(value)}`);
  return undefined;
}

function describeKind(kind: ProviderKind): string {
  return kind === 'anthropic' ? 'an anthropic' : `a ${kind}`;
}
