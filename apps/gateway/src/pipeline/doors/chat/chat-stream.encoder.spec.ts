import type { ChatCompletionChunk } from '@switchyard/contracts';
import { parseChatCompletionStream } from '@switchyard/providers';
import type { PipelineContext } from '../../pipeline-context';
import { chatStreamEncoder } from './chat-stream.encoder';

const ctx = {
  http: { requestId: 'req-1234-abcd' },
  served: { model: { alias: 'fast "alias"' } },
} as unknown as PipelineContext;

const chunk = (fields: object) =>
  JSON.stringify({ id: 'chatcmpl-up', object: 'chat.completion.chunk', created: 1, model: 'up-model', ...fields });

/** An upstream stream with what a relay must not get wrong: multi-byte UTF-8, CRLF, comments, tool calls. */
const UPSTREAM = [
  `data: ${chunk({ choices: [{ index: 0, delta: { role: 'assistant', content: 'héllo 👋 世界' }, finish_reason: null }], usage: null })}\r\n\r\n`,
  ': keep-alive\n\n',
  `data: ${chunk({ choices: [{ index: 0, delta: { tool_calls: [{ index: 0, id: 'call_1', type: 'function', function: { name: 'f', arguments: '{"model":"x"}' } }] }, finish_reason: null }], usage: null })}\n\n`,
  `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: 'id-less order' } }], model: 'm', id: 'x', created: 1 })}\r\n\r\n`,
  // Escapes as the upstream wrote them (\u00e9, \"), which a splice keeps as they are.
  'data: {"id":"chatcmpl-up","model":"up-model","choices":[{"index":0,"delta":{"content":"é\\u00e9 \\"quoted\\""},"finish_reason":"stop"}]}\n\n',
  `data: ${chunk({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } })}\n\n`,
  'data: [DONE]\n\n',
].join('');

async function* pieces(bytes: Buffer, cuts: number[]): AsyncGenerator<Uint8Array> {
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    yield bytes.subarray(from, cut);
    from = cut;
  }
}

/** What the client is sent for a body cut at `cuts`: the events, in order. */
async function relayed(bytes: Buffer, cuts: number[]): Promise<string[]> {
  const events: string[] = [];
  for await (const c of parseChatCompletionStream(pieces(bytes, cuts), 'test')) {
    const event = chatStreamEncoder.chunk(ctx, c);
    if (event !== null) events.push(event);
  }
  return events;
}

/** The event the door sends when it serialises the chunk itself (no upstream text to splice). */
function serialised(c: ChatCompletionChunk): string | null {
  return chatStreamEncoder.chunk(ctx, JSON.parse(JSON.stringify(c)) as ChatCompletionChunk);
}

describe('chat stream relay', () => {
  const bytes = Buffer.from(UPSTREAM, 'utf8');

  it('sends the same events whatever the byte offsets the upstream body is split at', async () => {
    const whole = await relayed(bytes, []);
    expect(whole).toHaveLength(4);
    expect(whole[3]).toContain('é\\u00e9'); // spliced: the upstream's own text, escapes and all
    for (let cut = 1; cut < bytes.length; cut++) expect(await relayed(bytes, [cut])).toEqual(whole);
    const everyByte = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    expect(await relayed(bytes, everyByte)).toEqual(whole);
  });

  it('relays each chunk as the same JSON as serialising it would: our id and alias, no usage', async () => {
    const chunks: ChatCompletionChunk[] = [];
    for await (const c of parseChatCompletionStream(pieces(bytes, []), 'test')) chunks.push(c);
    for (const c of chunks) {
      const event = chatStreamEncoder.chunk(ctx, c);
      const expected = serialised(c);
      expect(event === null ? null : JSON.parse(event.slice(6))).toEqual(
        expected === null ? null : JSON.parse(expected.slice(6)),
      );
    }
    const sent = (await relayed(bytes, [])).map((e) => JSON.parse(e.slice(6)) as ChatCompletionChunk);
    expect(sent.map((c) => [c.id, c.model])).toEqual(Array(4).fill(['chatcmpl-req1234abcd', 'fast "alias"']));
    expect(sent.every((c) => !('usage' in c))).toBe(true);
    expect(sent[0].choices[0].delta.content).toBe('héllo 👋 世界');
    expect(sent[1].choices[0].delta.tool_calls?.[0]).toMatchObject({
      id: 'call_1',
      function: { arguments: '{"model":"x"}' },
    });
    expect(sent[3].choices[0].delta.content).toBe('éé "quoted"');
  });
});
