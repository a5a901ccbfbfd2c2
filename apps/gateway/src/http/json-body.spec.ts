import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { SwitchyardError } from '@switchyard/contracts';
import { readJsonBody } from './json-body';

/** A request body as the chunks the socket delivered, with the headers it came with. */
function incoming(chunks: (string | Buffer)[], headers: Record<string, string> = {}): IncomingMessage {
  return Object.assign(Readable.from(chunks.map((c) => Buffer.from(c))), { headers }) as unknown as IncomingMessage;
}

async function failure(promise: Promise<unknown>): Promise<SwitchyardError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SwitchyardError);
  return err as SwitchyardError;
}

describe('readJsonBody', () => {
  it('parses a body split across chunks, multi-byte characters included', async () => {
    const text = JSON.stringify({ content: 'grüße, 世界' });
    const bytes = Buffer.from(text);
    expect(await readJsonBody(incoming([bytes.subarray(0, 15), bytes.subarray(15)]), 1024)).toEqual({
      content: 'grüße, 世界',
    });
  });

  it('takes any JSON value, like a non-strict parser, and reads an empty body as {}', async () => {
    expect(await readJsonBody(incoming(['"just a string"']), 1024)).toBe('just a string');
    expect(await readJsonBody(incoming(['[1,2]']), 1024)).toEqual([1, 2]);
    expect(await readJsonBody(incoming([]), 1024)).toEqual({});
  });

  it('drops a byte order mark before the JSON', async () => {
    expect(await readJsonBody(incoming(['\ufeff{"a":1}']), 1024)).toEqual({ a: 1 });
  });

  it('refuses malformed JSON as invalid_json', async () => {
    expect((await failure(readJsonBody(incoming(['{"a":']), 1024))).code).toBe('invalid_json');
  });

  it('refuses a declared length over the limit before reading', async () => {
    const err = await failure(readJsonBody(incoming(['{}'], { 'content-length': '2048' }), 1024));
    expect(err).toMatchObject({ code: 'payload_too_large', message: 'Request body exceeds the limit of 1024 bytes.' });
  });

  it('refuses a body that grows past the limit without a declared length', async () => {
    const err = await failure(readJsonBody(incoming(['{"a":"', 'x'.repeat(600), 'x'.repeat(600), '"}']), 1024));
    expect(err.code).toBe('payload_too_large');
  });

  it('gives up on a body whose stream closes before it ends (the client hung up)', async () => {
    const req = incoming(['{"model":']);
    const pending = readJsonBody(req, 1024);
    req.destroy();
    expect((await failure(pending)).code).toBe('invalid_request');
  });

  it('accepts a body of exactly the limit', async () => {
    const body = JSON.stringify({ a: 'x'.repeat(1024 - 8) });
    expect(body).toHaveLength(1024);
    expect(await readJsonBody(incoming([body]), 1024)).toEqual({ a: 'x'.repeat(1016) });
  });
});
