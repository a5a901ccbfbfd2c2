import type { ChatCompletionChunk } from '@switchyard/contracts';
import { type SseEvent, SseDecoder } from '../http/sse-decoder.util';
import { UpstreamError } from '../upstream.error';
import { keepRawJson } from './raw-chunk-json.util';

const DONE = '[DONE]';

function malformed(provider: string, detail: string, cause?: unknown): UpstreamError {
  return new UpstreamError('upstream_error', 'The upstream provider sent a malformed stream.', {
    provider,
    retriable: true,
    detail: detail.slice(0, 500),
    cause,
  });
}

function toChunk(event: SseEvent, provider: string): ChatCompletionChunk {
  let parsed: unknown;
  try {
    parsed = JSON.parse(event.data);
  } catch (err) {
    throw malformed(provider, event.data, err);
  }
  if (typeof parsed !== 'object' || parsed === null) throw malformed(provider, event.data);
  const candidate = parsed as Partial<ChatCompletionChunk> & { error?: unknown };
  // OpenAI reports failures after the first byte as an `error` object inside the stream.
  if (event.event === 'error' || (candidate.error !== undefined && candidate.error !== null)) {
    throw new UpstreamError('upstream_error', 'The upstream provider failed during the stream.', {
      provider,
      retriable: true,
      detail: event.data.slice(0, 2000),
    });
  }
  if (!Array.isArray(candidate.choices)) throw malformed(provider, event.data);
  return keepRawJson(candidate as ChatCompletionChunk, event.data);
}

/**
 * Turns an OpenAI-style SSE body into chunks as bytes arrive, without buffering the body.
 * It ends at `data: [DONE]`; a body that ends before it, or that carries anything other
 * than chunk JSON, fails with a retriable UpstreamError. The SSE decoding is inline (not
 * sseEvents): one generator less between the socket and the relay, per event.
 */
export async function* parseChatCompletionStream(
  body: AsyncIterable<Uint8Array | string>,
  provider: string,
): AsyncGenerator<ChatCompletionChunk> {
  const utf8 = new TextDecoder();
  const sse = new SseDecoder();
  for await (const piece of body) {
    for (const event of sse.push(typeof piece === 'string' ? piece : utf8.decode(piece, { stream: true }))) {
      if (event.data === DONE) return;
      yield toChunk(event, provider);
    }
  }
  for (const event of [...sse.push(utf8.decode()), ...sse.end()]) {
    if (event.data === DONE) return;
    yield toChunk(event, provider);
  }
  throw new UpstreamError('upstream_error', 'The upstream stream ended before it was complete.', {
    provider,
    retriable: true,
    detail: 'no [DONE]',
  });
}
