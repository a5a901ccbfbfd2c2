import { type SseEvent, SseDecoder } from './sse-decoder.util';

/**
 * SSE events from a body as bytes arrive (UTF-8 split across reads is handled), without
 * buffering the body. A final event missing its blank line still counts. Parsers stop at their
 * protocol's end event by returning, which closes this generator too.
 */
export async function* sseEvents(body: AsyncIterable<Uint8Array | string>): AsyncGenerator<SseEvent> {
  const utf8 = new TextDecoder();
  const sse = new SseDecoder();
  for await (const piece of body) {
    yield* sse.push(typeof piece === 'string' ? piece : utf8.decode(piece, { stream: true }));
  }
  yield* sse.push(utf8.decode());
  yield* sse.end();
}
