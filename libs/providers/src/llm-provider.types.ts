import type { ChatCompletion, ChatCompletionChunk, ChatRequestBody } from '@switchyard/contracts';

export interface ProviderCallContext {
  /** Aborts the upstream call, e.g. when the client disconnects. */
  signal?: AbortSignal;
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
  /** Closes pooled connections; in-flight calls are destroyed. */
  close(): Promise<void>;
}
