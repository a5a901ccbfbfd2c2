import type { ChatCompletion, ChatCompletionChunk, ChatRequestBody, ProviderConfig } from '@switchyard/contracts';
import type { Dispatcher } from 'undici';
import { UpstreamHttpClient } from '../http/upstream-http.client';
import type { LlmProvider, ProviderCallContext } from '../llm-provider.types';
import { parseAnthropicStream } from './anthropic-stream.util';
import { fromAnthropicResponse, isAnthropicResponse } from './from-anthropic-response.util';
import { passthroughAnthropicRequest } from './passthrough-anthropic-request.util';
import { toAnthropicRequest } from './to-anthropic-request.util';

export const ANTHROPIC_VERSION = '2023-06-01';

/**
 * Anthropic's Messages API (`<base_url>/messages`, e.g. base_url `https://api.anthropic.com/v1`),
 * translated both ways so the gateway only ever sees OpenAI shapes.
 */
export class AnthropicProvider implements LlmProvider {
  readonly name: string;
  private readonly http: UpstreamHttpClient;
  private readonly headers: Record<string, string>;

  constructor(config: ProviderConfig, apiKey: string | undefined, dispatcher?: Dispatcher) {
    this.name = config.name;
    this.http = new UpstreamHttpClient(config, apiKey, dispatcher);
    this.headers = { 'anthropic-version': ANTHROPIC_VERSION, ...(apiKey ? { 'x-api-key': apiKey } : {}) };
  }

  async complete(body: ChatRequestBody, ctx: ProviderCallContext): Promise<ChatCompletion> {
    const signal = this.http.callSignal(ctx.signal);
    const payload = this.requestOf({ ...body, stream: false }, ctx);
    const response = await this.http.postJson(
      '/messages',
      payload,
      { ...this.headersOf(ctx), accept: 'application/json' },
      signal,
    );
    return fromAnthropicResponse(await this.http.readJson(response, signal, isAnthropicResponse));
  }

  async *stream(body: ChatRequestBody, ctx: ProviderCallContext): AsyncGenerator<ChatCompletionChunk> {
    const signal = this.http.callSignal(ctx.signal);
    const payload = this.requestOf({ ...body, stream: true }, ctx);
    const response = await this.http.postJson(
      '/messages',
      payload,
      { ...this.headersOf(ctx), accept: 'text/event-stream' },
      signal,
    );
    yield* this.http.parseStream(response, signal, (pieces) => parseAnthropicStream(pieces, this.name));
  }

  /** A Messages API client's own request goes as it came (passthrough); a chat request is translated. */
  private requestOf(body: ChatRequestBody, ctx: ProviderCallContext) {
    return ctx.anthropic ? passthroughAnthropicRequest(body, ctx.anthropic) : toAnthropicRequest(body);
  }

  private headersOf(ctx: ProviderCallContext): Record<string, string> {
    const beta = ctx.anthropic?.beta;
    return beta ? { ...this.headers, 'anthropic-beta': beta } : this.headers;
  }

  close(): Promise<void> {
    return this.http.close();
  }
}
