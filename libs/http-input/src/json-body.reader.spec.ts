import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { SwitchyardError } from '@switchyard/contracts';
import { readJsonBody, type JsonBodyLimits } from './json-body.reader';

const JSON_TYPE = { 'content-type': 'application/json' };
const LIMITS: JsonBodyLimits = { limitBytes: 1024, maxDepth: 64, maxElements: 1000 };

/** A request body as the chunks the socket delivered, with the headers it came with. */
function incoming(chunks: (string | Buffer)[], headers: Record<string, string> = JSON_TYPE): IncomingMessage {
  const stream = Readable.from(chunks.map((c) => Buffer.from(c)));
  // A request stream marks itself complete once its body has ended, as node:http's does.
  stream.once('end', () => Object.assign(stream, { complete: true }));
  return Object.assign(stream, { headers, complete: false }) as unknown as IncomingMessage;
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
    const bytes = Buffer.from(JSON.stringify({ content: 'grüße, 世界' }));
    expect(await readJsonBody(incoming([bytes.subarray(0, 15), bytes.subarray(15)]), LIMITS)).toEqual({
      content: 'grüße, 世界',
    });
  });

  it('takes any JSON value, like a non-strict parser, and reads an empty body as {}', async () => {
    expect(await readJsonBody(incoming(['"just a string"']), LIMITS)).toBe('just a string');
    expect(await readJsonBody(incoming(['[1,2]']), LIMITS)).toEqual([1, 2]);
    expect(await readJsonBody(incoming([]), LIMITS)).toEqual({});
  });

  it('drops a byte order mark before the JSON', async () => {
    expect(await readJsonBody(incoming(['\ufeff{"a":1}']), LIMITS)).toEqual({ a: 1 });
  });

  it('refuses malformed JSON as invalid_json', async () => {
    expect((await failure(readJsonBody(incoming(['{"a":']), LIMITS))).code).toBe('invalid_json');
  });

  it('refuses a declared length over the limit before reading', async () => {
    const err = await failure(readJsonBody(incoming(['{}'], { ...JSON_TYPE, 'content-length': '2048' }), LIMITS));
    expect(err).toMatchObject({ code: 'payload_too_large', message: 'Request body exceeds the limit of 1024 bytes.' });
  });

  it('refuses a body that grows past the limit without a declared length', async () => {
    const err = await failure(readJsonBody(incoming(['{"a":"', 'x'.repeat(600), 'x'.repeat(600), '"}']), LIMITS));
    expect(err.code).toBe('payload_too_large');
  });

  it('gives up on a body whose stream closes before it ends (the client hung up)', async () => {
    const req = incoming(['{"model":']);
    const pending = readJsonBody(req, LIMITS);
    req.destroy();
    expect((await failure(pending)).code).toBe('invalid_request');
  });

  it('accepts a body of exactly the limit', async () => {
    const body = JSON.stringify({ a: 'x'.repeat(1024 - 8) });
    expect(body).toHaveLength(1024);
    expect(await readJsonBody(incoming([body]), LIMITS)).toEqual({ a: 'x'.repeat(1016) });
  });

  it('refuses nesting past the depth limit while the body streams in, naming the limit', async () => {
    const err = await failure(readJsonBody(incoming([`{"a":${'['.repeat(65)}`, ']'.repeat(65), '}']), LIMITS));
    expect(err).toMatchObject({ code: 'invalid_request', message: expect.stringContaining('depth limit is 64') });
  });

  it('refuses more elements than the limit', async () => {
    const err = await failure(
      readJsonBody(incoming([JSON.stringify(Array(1001).fill(0))]), { ...LIMITS, limitBytes: 4096 }),
    );
    expect(err.message).toContain('the limit is 1000');
  });

  it.each([
    ['gzip', gzipSync],
    ['deflate', deflateSync],
    ['br', brotliCompressSync],
    ['GZip', gzipSync],
  ])('inflates a %s body', async (encoding, compress) => {
    const body = compress(Buffer.from(JSON.stringify({ model: 'm', messages: [{ role: 'user', content: 'hi' }] })));
    const req = incoming([body], { ...JSON_TYPE, 'content-encoding': encoding });
    expect(await readJsonBody(req, LIMITS)).toEqual({ model: 'm', messages: [{ role: 'user', content: 'hi' }] });
  });

  it('stops inflating a bomb as soon as its inflated bytes pass the limit', async () => {
    const bomb = gzipSync(Buffer.from(`{"a":"${' '.repeat(64 * 1024 * 1024)}"}`));
    expect(bomb.length).toBeLessThan(96 * 1024);
    const startedAt = performance.now();
    const err = await failure(readJsonBody(incoming([bomb], { ...JSON_TYPE, 'content-encoding': 'gzip' }), LIMITS));
    expect(err.code).toBe('payload_too_large');
    // 64 MiB take ~100 ms to inflate; stopping after the limit's first KBs takes a few.
    expect(performance.now() - startedAt).toBeLessThan(50);
  });

  it('refuses a compressed body nested past the depth limit from its first inflated bytes', async () => {
    const nested = gzipSync(Buffer.from(`[${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}]`));
    const req = incoming([nested], { ...JSON_TYPE, 'content-encoding': 'gzip' });
    const err = await failure(readJsonBody(req, { ...LIMITS, limitBytes: 4 * 1024 * 1024 }));
    expect(err.message).toContain('depth limit is 64');
  });

  it('refuses compressed bytes over the limit on the wire too', async () => {
    // Stored, not compressed: 1,010 bytes of JSON take ~1,033 on the wire.
    const stored = gzipSync(Buffer.from(`"${'x'.repeat(1008)}"`), { level: 0 });
    expect(stored.length).toBeGreaterThan(LIMITS.limitBytes);
    const req = incoming([stored], { ...JSON_TYPE, 'content-encoding': 'gzip' });
    expect((await failure(readJsonBody(req, LIMITS))).code).toBe('payload_too_large');
  });

  it('answers a corrupt compressed body as unreadable', async () => {
    const req = incoming(['not gzip at all'], { ...JSON_TYPE, 'content-encoding': 'gzip' });
    expect(await failure(readJsonBody(req, LIMITS))).toMatchObject({
      code: 'invalid_request',
      message: 'The request body could not be read.',
    });
  });

  it.each([
    ['an unknown encoding', { ...JSON_TYPE, 'content-encoding': 'zstd' }, 'Unsupported Content-Encoding "zstd"'],
    ['another charset', { 'content-type': 'application/json; charset=latin1' }, 'Unsupported charset "latin1"'],
    ['another media type', { 'content-type': 'text/plain' }, 'Content-Type must be application/json, not "text/plain"'],
    ['no media type', {}, 'Content-Type must be application/json.'],
  ])('refuses %s with 415 before reading', async (_case, headers, message) => {
    const req = incoming(['{}'], headers);
    const err = await failure(readJsonBody(req, LIMITS));
    expect(err).toMatchObject({ code: 'unsupported_media_type', message: expect.stringContaining(message) });
    expect(req.readableFlowing).toBeNull();
  });
});
