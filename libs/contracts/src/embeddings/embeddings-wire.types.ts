/**
 * OpenAI Embeddings wire shapes (POST /v1/embeddings), as Switchyard answers clients and calls
 * OpenAI-compatible upstreams, and the validated request the embeddings door works with.
 */
export type EmbeddingEncodingFormat = 'float' | 'base64';

/** The inputs of a request, normalised: one entry per vector asked for. */
export type EmbeddingInput =
  { kind: 'text'; texts: readonly string[] } | { kind: 'tokens'; tokens: readonly number[][] };

export interface ValidatedEmbeddingsRequest {
  model: string;
  input: EmbeddingInput;
  encodingFormat: EmbeddingEncodingFormat;
  /** Shortened vector length, for models that allow it (checked against the catalog by checkEmbeddingLimits). */
  dimensions?: number;
  user?: string;
}

/** The body sent to an OpenAI-compatible upstream: floats always, decoded and re-encoded by the gateway. */
export interface EmbeddingsUpstreamBody {
  model: string;
  input: string[] | number[][];
  encoding_format: 'float';
  dimensions?: number;
  user?: string;
}

export interface EmbeddingObject {
  object: 'embedding';
  index: number;
  /** Floats, or base64 of the little-endian float32 array (encoding_format base64). */
  embedding: number[] | string;
}

export interface EmbeddingsUsage {
  prompt_tokens: number;
  total_tokens: number;
  /** Switchyard's addition: what the request cost, in credits (a decimal string). */
  credits?: string;
}

export interface EmbeddingsResponse {
  object: 'list';
  data: EmbeddingObject[];
  model: string;
  usage: EmbeddingsUsage;
}
