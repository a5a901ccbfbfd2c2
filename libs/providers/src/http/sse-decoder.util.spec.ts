import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type SseEvent, SseDecoder } from './sse-decoder.util';

const fixture = (name: string): string => readFileSync(join(__dirname, '../openai/fixtures', name), 'utf8');

function decodeInPieces(text: string, pieceSize: number): SseEvent[] {
  const decoder = new SseDecoder();
  const events: SseEvent[] = [];
  for (let i = 0; i < text.length; i += pieceSize) events.push(...decoder.push(text.slice(i, i + pieceSize)));
  return [...events, ...decoder.end()];
}

describe(SseDecoder.name, () => {
  const recorded = fixture('openai-text-stream.sse');
  const whole = decodeInPieces(recorded, recorded.length);

  it('decodes a recorded OpenAI stream into one event per data line, ending with [DONE]', () => {
    expect(whole).toHaveLength(6);
    expect(whole.at(-1)).toEqual({ data: '[DONE]' });
    expect(JSON.parse(whole[2].data).choices[0].delta.content).toBe('! How can I assist you today? 👋');
  });

  it.each([1, 2, 3, 7, 64, 333])('gives the same events when the bytes arrive in pieces of %i characters', (size) => {
    expect(decodeInPieces(recorded, size)).toEqual(whole);
  });

  it('gives the same events at every possible split point', () => {
    for (let at = 0; at <= recorded.length; at++) {
      const decoder = new SseDecoder();
      const events = [...decoder.push(recorded.slice(0, at)), ...decoder.push(recorded.slice(at)), ...decoder.end()];
      expect(events).toEqual(whole);
    }
  });

  it.each([
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('accepts %s line ends, also when a CRLF is split between pieces', (_name, eol) => {
    const converted = recorded.replace(/\n/g, eol);
    expect(decodeInPieces(converted, converted.length)).toEqual(whole);
    expect(decodeInPieces(converted, 1)).toEqual(whole);
    expect(decodeInPieces(converted, 5)).toEqual(whole);
  });

  it('skips comment lines and keep-alives', () => {
    const events = decodeInPieces(fixture('openrouter-tool-stream.sse'), 10);
    expect(events.map((e) => e.data.slice(0, 6))).toEqual(['{"id":', '{"id":', '{"id":', '{"id":', '{"id":', '[DONE]']);
  });

  it('joins multi-line data with newlines and keeps the event name', () => {
    const events = decodeInPieces('event: error\ndata: {"a":\ndata:1}\n\ndata: x\n\n', 4);
    expect(events).toEqual([{ event: 'error', data: '{"a":\n1}' }, { data: 'x' }]);
  });

  it('ignores id and retry fields and events without data', () => {
    expect(decodeInPieces('id: 7\nretry: 1000\n\nevent: ping\n\ndata:no-space\n\n', 3)).toEqual([{ data: 'no-space' }]);
  });

  it('flushes a final event that lost its blank line', () => {
    expect(decodeInPieces('data: {"x":1}\n\ndata: [DONE]', 100)).toEqual([{ data: '{"x":1}' }, { data: '[DONE]' }]);
  });
});
