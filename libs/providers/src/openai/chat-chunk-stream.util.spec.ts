import type { ChatCompletionChunk } from '@switchyard/contracts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UpstreamError } from '../upstream.error';
import { parseChatCompletionStream } from './chat-chunk-stream.util';

const fixture = (name: string): Buffer => readFileSync(join(__dirname, 'fixtures', name));

async function* inPieces(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect(body: AsyncIterable<Uint8Array | string>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of parseChatCompletionStream(body, 'test-provider')) chunks.push(chunk);
  return chunks;
}

async function failureOf(body: AsyncIterable<Uint8Array | string>): Promise<UpstreamError> {
  const err = await collect(body).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UpstreamError);
  return err as UpstreamError;
}

describe(parseChatCompletionStream.name, () => {
  it('yields every chunk of a recorded stream, including the usage chunk, and stops at [DONE]', async () => {
    const chunks = await collect(inPieces(fixture('openai-text-stream.sse'), 1 << 16));
    expect(chunks).toHaveLength(5);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Hello! How can I assist you today? 👋');
    expect(chunks[3].choices[0].finish_reason).toBe('stop');
    expect(chunks[4]).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 19, completion_tokens: 11, total_tokens: 30 },
    });
  });

  it('decodes multi-byte characters split across network reads', async () => {
    const chunks = await collect(inPieces(fixture('openai-text-stream.sse'), 3));
    expect(chunks[2].choices[0].delta.content).toBe('! How can I assist you today? 👋');
  });

  it('reassembles a streamed tool call from a stream with keep-alive comments', async () => {
    const chunks = await collect(inPieces(fixture('openrouter-tool-stream.sse'), 17));
    const deltas = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    expect(deltas[0]).toMatchObject({ index: 0, id: 'call_Xyq3', function: { name: 'get_weather' } });
    expect(deltas.map((d) => d.function?.arguments ?? '').join('')).toBe('{"city":"Paris"}');
    expect(chunks.at(-1)?.usage).toEqual({ prompt_tokens: 61, completion_tokens: 15, total_tokens: 76 });
  });

  it('fails with a retriable error when the stream ends without [DONE]', async () => {
    const truncated = fixture('openai-text-stream.sse').toString('utf8').replace('data: [DONE]\n\n', '');
    const err = await failureOf(inPieces(Buffer.from(truncated), 50));
    expect(err).toMatchObject({
      code: 'upstream_error',
      retriable: true,
      message: 'The upstream stream ended before it was complete.',
    });
  });

  it('fails on malformed JSON', async () => {
    const err = await failureOf(inPieces(Buffer.from('data: {"id":"x","choices":[\n\ndata: [DONE]\n\n'), 8));
    expect(err).toMatchObject({
      code: 'upstream_error',
      retriable: true,
      message: 'The upstream provider sent a malformed stream.',
    });
  });

  it('fails on JSON that is not a chunk', async () => {
    const err = await failureOf(inPieces(Buffer.from('data: 42\n\ndata: [DONE]\n\n'), 8));
    expect(err.message).toBe('The upstream provider sent a malformed stream.');
  });

  it('turns an in-stream error event into an UpstreamError without exposing its text', async () => {
    const body =
      'data: {"error":{"message":"The server had an error while processing your request.","type":"server_error"}}\n\n';
    const err = await failureOf(inPieces(Buffer.from(body), 1000));
    expect(err).toMatchObject({ code: 'upstream_error', message: 'The upstream provider failed during the stream.' });
    expect(err.detail).toContain('The server had an error');
  });
});
