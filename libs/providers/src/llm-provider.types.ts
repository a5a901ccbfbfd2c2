import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatRequestBody,
  EmbeddingsUpstreamBody,
} from '@switchyard/contracts';

/**
 * A Messages API request as the client sent it, for an Anthropic upstream to receive as it is
 * (cache_control, thinking blocks, top_k, server tools), rather than translated back from the
 * internal shape. Other providers ignore it.
 */
export interface AnthropicPassthrough {
  /** The client's body; the provider forwards only the Messages API's own fields of it. */
  body: Record<string, unknown>;
  /** The client's anthropic-beta header. */
  beta?: string;
}

export interface ProviderCallContext {
  /** Aborts the upstream call, e.g. when the client disconnects. */
  signal?: AbortSignal;
  anthropic?: AnthropicPassthrough;
}

/**
 * One upstream. Calls fail with UpstreamError; an aborted call rejects with the signal's reason.
 * `stream` connects lazily: the request is sent on the first `next()`, which is also where
 * connect errors and HTTP error statuses surface (before anything reached the client).
 */
export interface LlmProvider {
  readonly name: string;
  complete(body: ChatRequestBody, ctx: ProviderCallContext): Promise<ChatCompletion>;
  stream(body: ChatRequestBody, ctx: ProviderCallContext): AsyncIterable<ChatCompletionChunk>;
  /**
   * Float vectors for the inputs, in input order, each `dimensions` long (the request's, or the
   * model's native size). Absent on providers without embeddings (Anthropic; the catalog keeps
   * embedding models off them).
   */
  embed?(body: EmbeddingsUpstreamBody, dimensions: number, ctx: ProviderCallContext): Promise<number[][]>;
  /** Closes pooled connections; in-flight calls are destroyed. */
  close(): Promise<void>;
}
