import {
  DEFAULT_IMAGE_TOKEN_RULES,
  TIERS,
  type CatalogModel,
  type EmbeddingModel,
  type ProviderConfig,
} from '@switchyard/contracts';
import type { CatalogReader } from './catalog-reader.util';
import { EMBEDDING_MODEL_FIELDS, parseEmbeddingModel } from './parse-embedding-model.util';
import { parseImageTokenRule } from './parse-image-tokens.util';
import { parseRateOverride } from './parse-rates.util';

const MODEL_FIELDS = [
  'alias',
  'kind',
  'provider',
  'upstream_model',
  'tier',
  'capabilities',
  'context_window',
  'max_output_tokens',
  'pricing',
  'image_tokens',
  'fallbacks',
] as const;
/** Aliases appear in URLs (`GET /v1/models/:id`), so no slashes or spaces. */
const ALIAS = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;

const MODEL_KINDS = ['chat', 'embedding'] as const;

export interface ParsedModels {
  /** Chat models (`kind: chat`, the default). */
  models: Map<string, CatalogModel>;
  embeddingModels: Map<string, EmbeddingModel>;
  /** Every alias written down, valid or not, so tasks naming a broken model do not report it twice. */
  declaredAliases: Set<string>;
}

/**
 * The `models` list, keyed by alias in catalog order. Invalid entries are reported and left
 * out; `upstream_model` defaults to the alias, `image_tokens` to the rule of its provider's kind.
 * `declaredProviders` are the provider names written down, valid or not (a broken provider is
 * reported once, in its own section); `providers` the valid ones.
 */
export function parseModels(
  reader: CatalogReader,
  value: unknown,
  declaredProviders: ReadonlySet<string>,
  providers: ReadonlyMap<string, ProviderConfig>,
): ParsedModels {
  const models = new Map<string, CatalogModel>();
  const embeddingModels = new Map<string, EmbeddingModel>();
  const seen = new Set<string>();
  const list = reader.array(value, 'models');
  if (!list) return { models, embeddingModels, declaredAliases: seen };
  if (list.length === 0) reader.report('models', 'at least one model is required');
  list.forEach((raw, index) => {
    const alias =
      typeof (raw as { alias?: unknown } | null)?.alias === 'string' ? (raw as { alias: string }).alias : undefined;
    const path = alias ? `models[${index}] (${alias})` : `models[${index}]`;
    const kindOf = (raw as { kind?: unknown } | null)?.kind ?? 'chat';
    const kind = reader.oneOf(kindOf, MODEL_KINDS, `${path}.kind`);
    if (!kind) return;
    const entry = reader.object(raw, path, kind === 'embedding' ? EMBEDDING_MODEL_FIELDS : MODEL_FIELDS);
    if (!entry) return;
    const model =
      kind === 'embedding'
        ? parseEmbeddingEntry(reader, entry, path, declaredProviders, providers)
        : parseModel(reader, entry, path, declaredProviders, providers);
    if (alias !== undefined && seen.has(alias)) {
      reader.report(path, `duplicate alias ${JSON.stringify(alias)}`);
      return;
    }
    if (alias !== undefined) seen.add(alias);
    if (model && 'kind' in model) embeddingModels.set(model.alias, model);
    else if (model) models.set(model.alias, model);
  });
  return { models, embeddingModels, declaredAliases: seen };
}

/** The alias and provider rules every model shares, then the embedding fields. */
function parseEmbeddingEntry(
  reader: CatalogReader,
  entry: Record<string, unknown>,
  path: string,
  declaredProviders: ReadonlySet<string>,
  providers: ReadonlyMap<string, ProviderConfig>,
): EmbeddingModel | undefined {
  const alias = reader.string(entry.alias, `${path}.alias`, ALIAS);
  const provider = parseProviderName(reader, entry, path, declaredProviders);
  return parseEmbeddingModel(reader, entry, path, alias, provider === undefined ? undefined : providers.get(provider));
}

function parseProviderName(
  reader: CatalogReader,
  entry: Record<string, unknown>,
  path: string,
  declaredProviders: ReadonlySet<string>,
): string | undefined {
  const provider = reader.string(entry.provider, `${path}.provider`);
  if (provider === undefined || declaredProviders.has(provider)) return provider;
  reader.report(
    `${path}.provider`,
    `unknown provider ${JSON.stringify(provider)} (known: ${[...declaredProviders].join(', ') || 'none'})`,
  );
  return undefined;
}

function parseModel(
  reader: CatalogReader,
  entry: Record<string, unknown>,
  path: string,
  declaredProviders: ReadonlySet<string>,
  providers: ReadonlyMap<string, ProviderConfig>,
): CatalogModel | undefined {
  const alias = reader.string(entry.alias, `${path}.alias`, ALIAS);
  const provider = parseProviderName(reader, entry, path, declaredProviders);
  const upstreamModel =
    entry.upstream_model === undefined ? alias : reader.string(entry.upstream_model, `${path}.upstream_model`);
  const tier = reader.oneOf(entry.tier, TIERS, `${path}.tier`);
  const capabilities = reader.capabilities(entry.capabilities ?? [], `${path}.capabilities`);
  const contextWindow = reader.positiveInt(entry.context_window, `${path}.context_window`);
  const maxOutputTokens = reader.positiveInt(entry.max_output_tokens, `${path}.max_output_tokens`);
  if (contextWindow !== undefined && maxOutputTokens !== undefined && maxOutputTokens > contextWindow) {
    reader.report(`${path}.max_output_tokens`, `${maxOutputTokens} exceeds context_window ${contextWindow}`);
  }
  const pricing = entry.pricing === undefined ? undefined : parseRateOverride(reader, entry.pricing, `${path}.pricing`);
  const kind = provider === undefined ? undefined : providers.get(provider)?.kind;
  const imageTokens =
    entry.image_tokens === undefined
      ? kind && DEFAULT_IMAGE_TOKEN_RULES[kind]
      : parseImageTokenRule(reader, entry.image_tokens, `${path}.image_tokens`);
  const fallbacks =
    entry.fallbacks === undefined ? [] : parseFallbackList(reader, entry.fallbacks, `${path}.fallbacks`, alias);
  if (!fallbacks) return undefined;
  if (
    !alias ||
    !provider ||
    !upstreamModel ||
    !tier ||
    !capabilities ||
    !contextWindow ||
    !maxOutputTokens ||
    !imageTokens
  )
    return undefined;
  if (entry.pricing !== undefined && !pricing) return undefined;
  return {
    alias,
    provider,
    upstreamModel,
    tier,
    capabilities: Object.freeze(capabilities),
    contextWindow,
    maxOutputTokens,
    imageTokens: Object.freeze(imageTokens),
    ...(pricing && Object.keys(pricing).length > 0 ? { pricing } : {}),
    ...(fallbacks.length > 0 ? { fallbacks: Object.freeze(fallbacks) } : {}),
  };
}

/** Alias names only; whether they exist is checked once every model is read (checkFallbacks). */
function parseFallbackList(
  reader: CatalogReader,
  value: unknown,
  path: string,
  alias: string | undefined,
): string[] | undefined {
  const list = reader.array(value, path);
  if (!list) return undefined;
  const names: string[] = [];
  list.forEach((item, index) => {
    const name = reader.string(item, `${path}[${index}]`);
    if (name === undefined) return;
    if (name === alias) reader.report(`${path}[${index}]`, 'a model cannot be its own fallback');
    else if (names.includes(name)) reader.report(`${path}[${index}]`, `duplicate fallback ${JSON.stringify(name)}`);
    else names.push(name);
  });
  return names.length === list.length ? names : undefined;
}

/** Every fallback must name a chat model of the catalog. */
export function checkFallbacks(reader: CatalogReader, parsed: ParsedModels): void {
  for (const model of parsed.models.values()) {
    (model.fallbacks ?? []).forEach((name, index) => {
      const path = `models (${model.alias}).fallbacks[${index}]`;
      if (!parsed.declaredAliases.has(name)) reader.report(path, `unknown model ${JSON.stringify(name)}`);
      else if (parsed.embeddingModels.has(name)) reader.report(path, `${JSON.stringify(name)} is an embedding model`);
    });
  }
}
