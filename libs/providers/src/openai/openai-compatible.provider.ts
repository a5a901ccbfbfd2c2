import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatRequestBody,
  EmbeddingsUpstreamBody,
  ProviderConfig,
} from '@switchyard/contracts';
import type { Dispatcher } from 'undici';
import { UpstreamHttpClient } from '../http/upstream-http.client';
import type { LlmProvider, ProviderCallContext } from '../llm-provider.types';
import { parseChatCompletionStream } from './chat-chunk-stream.util';
import { isEmbeddingsAnswer, vectorsInOrder } from './embeddings-answer.util';

function isCompletion(value: unknown): value is ChatCompletion {
  return typeof value === 'object' && value !== null && Array.isArray((value as { choices?: unknown }).choices);
}

/**
 * Any OpenAI-compatible `/chat/completions` and `/embeddings` endpoint (OpenAI, vLLM, Ollama, Groq, the built-in
 * simulator). The validated body is forwarded as is (it holds only fields the gateway accepts);
 * streams always ask for `include_usage` so billing gets the upstream's own counts.
 */
export class OpenAiCompatibleProvider implements LlmProvider {
  readonly name: string;
  private readonly http: UpstreamHttpClient;
  private readonly headers: Record<string, string>;
  /** The simulator has no catalog: it is always told the vector length. */
  private readonly namesDimensions: boolean;

  constructor(config: ProviderConfig, apiKey: string | undefined, dispatcher?: Dispatcher) {
    this.name = config.name;
    this.namesDimensions = config.kind === 'simulated';
    this.http = new UpstreamHttpClient(config, apiKey, dispatcher);
    this.headers = apiKey ? { authorization: `Bearer ${apiKey}` } : {};
  }

  async complete(body: ChatRequestBody, ctx: ProviderCallContext): Promise<ChatCompletion> {
    // stream_options is an error upstream unless streaming.
    const { stream_options: _streamOptions, ...rest } = body;
    const signal = this.http.callSignal(ctx.signal);
    const response = await this.http.postJson(
      '/chat/completions',
      { ...rest, stream: false },
      { ...this.headers, accept: 'application/json' },
      signal,
    );
    return this.http.readJson(response, signal, isCompletion);
  }

  async *stream(body: ChatRequestBody, ctx: ProviderCallContext): AsyncGenerator<ChatCompletionChunk> {
    const payload = { ...body, stream: true, stream_options: { ...body.stream_options, include_usage: true } };
    const signal = this.http.callSignal(ctx.signal);
    const response = await this.http.postJson(
      '/chat/completions',
      payload,
      { ...this.headers, accept: 'text/event-stream' },
      signal,
    );
    yield* this.http.parseStream(response, signal, (pieces) => parseChatCompletionStream(pieces, this.name));
  }

  /** `/embeddings` in floats (the gateway encodes base64 itself); the answer is checked input by input. */
  async embed(body: EmbeddingsUpstreamBody, dimensions: number, ctx: ProviderCallContext): Promise<number[][]> {
    const payload = this.namesDimensions && body.dimensions === undefined ? { ...body, dimensions } : body;
    const signal = this.http.callSignal(ctx.signal);
    const response = await this.http.postJson(
      '/embeddings',
      payload,
      { ...this.headers, accept: 'application/json' },
      signal,
    );
    const answer = await this.http.readJson(response, signal, isEmbeddingsAnswer(body.input.length, dimensions));
    return vectorsInOrder(answer);
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
