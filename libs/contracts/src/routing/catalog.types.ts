import type { Capability, TaskType, Tier } from './task-types';

/** Per-1K-token prices in micro-credits (1 credit = 1,000,000 micro-credits). */
export interface TokenRates {
  inputPer1kMicro: bigint;
  outputPer1kMicro: bigint;
  cachedInputPer1kMicro: bigint;
}

export type ProviderKind = 'openai' | 'anthropic' | 'simulated';

export interface ProviderConfig {
  name: string;
  kind: ProviderKind;
  /** Base URL up to and including the API version, e.g. `https://api.openai.com/v1`. */
  baseUrl: string;
  /** Name of the environment variable holding the key; the key itself never enters the catalog. */
  apiKeyEnv?: string;
  /** Longest silence allowed while reading a response body (between two streamed chunks). */
  timeoutMs: number;
  /** TCP/TLS connect bound; defaults to `timeoutMs`. */
  connectTimeoutMs?: number;
  /** Bound on the wait for the response headers (first byte); defaults to `timeoutMs`. */
  firstByteTimeoutMs?: number;
  /** Bound on the whole call, headers to last byte (the catalog's default: 10 minutes); unbounded when absent. */
  totalTimeoutMs?: number;
}

/**
 * How a model bills an image part, in prompt tokens:
 * - `tiles` (OpenAI's GPT-4o class): `baseTokens`, plus `tileTokens` per 512 px tile after
 *   OpenAI's resizing unless `detail` is "low";
 * - `patches` (OpenAI's GPT-4.1-mini and -nano class): `milliTokensPerPatch` thousandths of a
 *   token per 32 px patch, at most `maxPatches` patches (OpenAI scales larger images down);
 * - `pixels` (Anthropic): a token per `pixelsPerToken` pixels, at most `maxTokens`; `detail` is ignored.
 */
export type ImageTokenRule =
  | { kind: 'tiles'; baseTokens: number; tileTokens: number }
  | { kind: 'patches'; milliTokensPerPatch: number; maxPatches: number }
  | { kind: 'pixels'; pixelsPerToken: number; maxTokens: number };

/** A model's image rule when its catalog entry names none: what most models of its provider's kind bill. */
export const DEFAULT_IMAGE_TOKEN_RULES: Readonly<Record<ProviderKind, ImageTokenRule>> = Object.freeze({
  openai: Object.freeze({ kind: 'tiles', baseTokens: 85, tileTokens: 170 }),
  anthropic: Object.freeze({ kind: 'pixels', pixelsPerToken: 750, maxTokens: 1600 }),
  simulated: Object.freeze({ kind: 'tiles', baseTokens: 85, tileTokens: 170 }),
});

export interface CatalogModel {
  alias: string;
  provider: string;
  upstreamModel: string;
  tier: Tier;
  capabilities: readonly Capability[];
  contextWindow: number;
  maxOutputTokens: number;
  /** Overrides of the tier's rates, if any. */
  pricing?: Partial<TokenRates>;
  /** How its images are priced: the catalog's `image_tokens`, or the default of its provider's kind. */
  imageTokens: ImageTokenRule;
  /** Aliases tried in order when this model fails before answering (explicit `model` requests). */
  fallbacks?: readonly string[];
}

/** What a catalog model serves: chat doors take `chat` models, `POST /v1/embeddings` takes `embedding` ones. */
export type ModelKind = 'chat' | 'embedding';

/** Provider kinds with an embeddings endpoint (Anthropic has none). */
export const EMBEDDING_PROVIDER_KINDS: readonly ProviderKind[] = Object.freeze(['openai', 'simulated']);

/** An embedding model: priced per input token at its tier's input rate (or its own `pricing.input`). */
export interface EmbeddingModel {
  kind: 'embedding';
  alias: string;
  provider: string;
  upstreamModel: string;
  tier: Tier;
  /** Overrides of the tier's input rate, in micro-credits per 1K tokens. */
  inputPer1kMicro?: bigint;
  /** Length of the vectors the model returns when `dimensions` is not asked for. */
  dimensions: number;
  /** Whether the request's `dimensions` may shorten the vectors (text-embedding-3-*); otherwise it is a 400. */
  acceptsDimensions: boolean;
  /** Most inputs in one request. */
  maxInputs: number;
  /** Most tokens in one input. */
  maxInputTokens: number;
  /** Most tokens across all the inputs of one request. */
  maxTotalTokens: number;
}

export interface TaskRoute {
  taskType: TaskType;
  tier: Tier;
  candidates: readonly string[];
  requires: readonly Capability[];
}

/** How the gateway treats upstream health (circuit breakers, latency, retries). */
export interface RoutingPolicy {
  /** Most upstream calls one request may make, across candidates. */
  maxAttempts: number;
  /** Consecutive retriable failures that open a model's circuit. */
  failureThreshold: number;
  /** How long an open circuit refuses calls before one probe is let through. */
  cooldownMs: number;
  /** Weight of the newest sample in the latency EWMA (0 < alpha ≤ 1). */
  latencyAlpha: number;
  /** A healthy candidate whose EWMA exceeds this multiple of the fastest one's is tried later. */
  slowFactor: number;
}

export interface Catalog {
  providers: ReadonlyMap<string, ProviderConfig>;
  /** Chat models only (the chat doors and task routes); embedding models are in `embeddingModels`. */
  models: ReadonlyMap<string, CatalogModel>;
  /** Absent in hand-built catalogs: no embedding models. */
  embeddingModels?: ReadonlyMap<string, EmbeddingModel>;
  tasks: ReadonlyMap<TaskType, TaskRoute>;
  tierRates: Readonly<Record<Tier, TokenRates>>;
  /** Absent in hand-built catalogs: DEFAULT_ROUTING_POLICY applies. */
  routing?: RoutingPolicy;
}

export const DEFAULT_ROUTING_POLICY: Readonly<RoutingPolicy> = Object.freeze({
  maxAttempts: 3,
  failureThreshold: 5,
  cooldownMs: 30_000,
  latencyAlpha: 0.2,
  slowFactor: 4,
});
