import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { rawExchange, waitFor } from '@switchyard/testing';
import { useFundedStack } from './support/funded-stack';

// Real gateway and billing processes on the real Postgres and Redis; simulated upstream.
// POST /v1/chat/completions has one way in, the ingress, whatever the body's encoding, media
// type or the path's spelling: the client must not be able to tell how it sent its request.
const BODY_LIMIT = 16 * 1024;
const ORIGIN = 'https://app.example';
const SHARED_HEADERS = [
  'x-request-id',
  'content-security-policy',
  'x-content-type-options',
  'strict-transport-security',
  'x-switchyard-model',
  'x-switchyard-tier',
];

/** Ways to send the same body: as is, compressed three ways, under a structured JSON media type. */
const WAYS = {
  plain: { headers: {}, encode: (body: string) => body },
  gzip: { headers: { 'content-encoding': 'gzip' }, encode: (body: string) => gzipSync(body) },
  deflate: { headers: { 'content-encoding': 'deflate' }, encode: (body: string) => deflateSync(body) },
  br: { headers: { 'content-encoding': 'br' }, encode: (body: string) => brotliCompressSync(body) },
  '+json': { headers: { 'content-type': 'application/vnd.api+json' }, encode: (body: string) => body },
} as const;
type Way = keyof typeof WAYS;
const ALL_WAYS = Object.keys(WAYS) as Way[];

type ErrorBody = { error: { code: string; message: string; param: string | null } };

describe('The chat ingress answers alike however a request is sent', () => {
  const e2e = useFundedStack(100_000_000n, { BODY_LIMIT_BYTES: String(BODY_LIMIT), CORS_ORIGINS: ORIGIN });

  const post = (way: Way, body: string, headers: Record<string, string> = {}, path = '/v1/chat/completions') =>
    fetch(`${e2e.stack.gatewayUrl}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${e2e.team.apiKey}`,
        'content-type': 'application/json',
        ...WAYS[way].headers,
        ...headers,
      },
      body: WAYS[way].encode(body),
    });
  const hello = JSON.stringify({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Say hello.' }],
    max_tokens: 16,
    seed: 7,
  });

  it('answers and bills a completion the same way in all', async () => {
    const answers = await Promise.all(ALL_WAYS.map((way) => post(way, hello)));
    const bodies = await Promise.all(answers.map((res) => res.json() as Promise<Record<string, unknown>>));
    for (const [i, res] of answers.entries()) {
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
      for (const name of SHARED_HEADERS) expect(res.headers.get(name)).toBeTruthy();
      expect(bodies[i]).toMatchObject({
        object: 'chat.completion',
        model: 'gpt-4o-mini',
        choices: [{ index: 0, finish_reason: expect.any(String) }],
      });
      // Same seed, same prompt: the simulated upstream gives the same text, so the same usage.
      expect(bodies[i].usage).toEqual(bodies[0].usage);
    }
    for (const res of answers) {
      const requestId = res.headers.get('x-request-id') as string;
      const record = await waitFor(() => e2e.prisma.usageRecord.findUnique({ where: { requestId } }), {
        timeoutMs: 20_000,
        describe: `usage record ${requestId}`,
      });
      expect(record.status).toBe('completed');
    }
  });

  it('streams the same events in all', async () => {
    const streamed = JSON.stringify({ ...JSON.parse(hello), stream: true });
    const texts = await Promise.all(
      ALL_WAYS.map(async (way) => {
        const res = await post(way, streamed);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
        return res.text();
      }),
    );
    const contentOf = (text: string) =>
      text
        .split('\n\n')
        .filter((e) => e.startsWith('data: {'))
        .map((e) => JSON.parse(e.slice(6)) as { choices: { delta: { content?: string } }[] })
        .map((c) => c.choices[0]?.delta.content ?? '')
        .join('');
    for (const text of texts) {
      expect(contentOf(text)).toBe(contentOf(texts[0]));
      expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true);
    }
  });

  it.each([
    ['a body that is not JSON', '{"model":', 400, 'invalid_json'],
    ['an empty body', '', 400, 'invalid_request'],
    [
      'a body over the limit',
      JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'x'.repeat(BODY_LIMIT) }] }),
      413,
      'payload_too_large',
    ],
    ['a body that fails validation', JSON.stringify({ model: 'gpt-4o-mini', messages: [] }), 400, 'invalid_request'],
  ])('refuses %s with the same error in all', async (_case, body, status, code) => {
    const answers = await Promise.all(ALL_WAYS.map((way) => post(way, body)));
    const errors = await Promise.all(answers.map((res) => res.json() as Promise<ErrorBody>));
    for (const [i, res] of answers.entries()) {
      expect(res.status).toBe(status);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(errors[i].error.code).toBe(code);
      expect(errors[i].error.message).toBe(errors[0].error.message);
    }
  });

  it('refuses a body nested past the depth limit before parsing it, naming the limit, in all', async () => {
    const body = `{"model":"gpt-4o-mini","messages":[],"x":${'['.repeat(65)}${']'.repeat(65)}}`;
    for (const res of await Promise.all(ALL_WAYS.map((way) => post(way, body)))) {
      expect(res.status).toBe(400);
      expect(((await res.json()) as ErrorBody).error).toEqual({
        code: 'invalid_request',
        type: 'invalid_request_error',
        param: null,
        message: 'The JSON body is nested too deeply: the depth limit is 64 levels.',
      });
    }
  });

  it('checks the API key before the body, in all', async () => {
    for (const way of ALL_WAYS) {
      const res = await post(way, '{"not":"even read"', { authorization: 'Bearer sk-not-ours' });
      expect(res.status).toBe(401);
      expect(((await res.json()) as ErrorBody).error.code).toBe('invalid_api_key');
    }
  });

  it.each([
    ['a query string', '/v1/chat/completions?trace=1'],
    ['a trailing slash', '/v1/chat/completions/'],
    ['other letter cases', '/V1/Chat/Completions'],
  ])('serves the route spelled with %s, as express did', async (_case, path) => {
    const res = await post('plain', hello, {}, path);
    expect(res.status).toBe(200);
    expect(res.headers.get('x-switchyard-model')).toBe('gpt-4o-mini');
  });

  it.each([
    ['another charset', { 'content-type': 'application/json; charset=latin1' }, 'Unsupported charset "latin1"'],
    ['UTF-16', { 'content-type': 'application/json; charset=utf-16' }, 'Unsupported charset "utf-16"'],
    ['a media type that is not JSON', { 'content-type': 'text/plain' }, 'Content-Type must be application/json'],
    ['an unknown encoding', { 'content-encoding': 'zstd' }, 'Unsupported Content-Encoding "zstd"'],
  ])('refuses %s with 415 naming it', async (_case, headers, message) => {
    const res = await post('plain', hello, headers);
    expect(res.status).toBe(415);
    expect(((await res.json()) as ErrorBody).error).toMatchObject({
      code: 'unsupported_media_type',
      message: expect.stringContaining(message),
    });
  });

  it('answers CORS calls with the CORS headers', async () => {
    const res = await post('plain', hello, { origin: ORIGIN });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-expose-headers')).toContain('x-request-id');
  });

  it('answers a CORS preflight exactly as the control routes do', async () => {
    const preflight = (path: string) =>
      fetch(`${e2e.stack.gatewayUrl}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin: ORIGIN,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization',
        },
      });
    const [chat, models] = await Promise.all([preflight('/v1/chat/completions'), preflight('/v1/models')]);
    expect(chat.status).toBe(204);
    const corsHeaders = (res: Response) =>
      Object.fromEntries([...res.headers].filter(([name]) => name.startsWith('access-control-') || name === 'vary'));
    expect(corsHeaders(chat)).toEqual(corsHeaders(models));
    expect(corsHeaders(chat)).toMatchObject({
      'access-control-allow-origin': ORIGIN,
      'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS',
      'access-control-allow-headers': 'authorization,content-type,x-request-id',
    });
  });

  it('asks a client that expects 100-continue for its body only once its key is accepted', async () => {
    const request = (key: string) =>
      `POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${key}\r\n` +
      `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(hello)}\r\nExpect: 100-continue\r\n\r\n`;
    const refused = rawExchange(e2e.stack.gateway.port, request('sy_live_not-a-key'));
    const accepted = rawExchange(e2e.stack.gateway.port, request(e2e.team.apiKey));
    try {
      expect(await refused.answer).toMatchObject({ status: 401, headers: { connection: 'close' } });
      expect((await accepted.answer).status).toBe(100);
    } finally {
      refused.close();
      accepted.close();
    }
  });
});
