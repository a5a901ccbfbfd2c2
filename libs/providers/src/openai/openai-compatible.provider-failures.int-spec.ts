import type { ChatCompletionChunk, ChatRequestBody, ProviderConfig } from '@switchyard/contracts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { UpstreamError } from '../upstream.error';
import { closedPort, jsonBody, listen, type RunningServer } from '../http/fake-upstream.test-util';
import { OpenAiCompatibleProvider } from './openai-compatible.provider';
import { waitFor } from '@switchyard/testing';

// Real: undici sockets to tiny fake upstreams on 127.0.0.1 that misbehave on purpose.
const API_KEY = 'sk-test-secretsecretsecret1234';
const body: ChatRequestBody = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };
const chunk = (content: string): string =>
  `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', created: 1, model: 'gpt-4o-mini', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`;
const sseHeaders = { 'content-type': 'text/event-stream' };

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

describe(`${OpenAiCompatibleProvider.name} when the upstream misbehaves`, () => {
  let upstream: RunningServer | undefined;
  let provider: OpenAiCompatibleProvider | undefined;

  async function setup(handler: Handler, timeoutMs = 2000): Promise<OpenAiCompatibleProvider> {
    upstream = await listen((req, res) => void handler(req, res));
    provider = new OpenAiCompatibleProvider(
      { name: 'fake', kind: 'openai', baseUrl: `${upstream.origin}/v1`, timeoutMs } satisfies ProviderConfig,
      API_KEY,
    );
    return provider;
  }

  afterEach(async () => {
    await provider?.close();
    await upstream?.close();
    provider = upstream = undefined;
  });

  async function failure(promise: Promise<unknown>): Promise<UpstreamError> {
    const err = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(UpstreamError);
    return err as UpstreamError;
  }

  async function drain(
    stream: AsyncIterable<ChatCompletionChunk>,
    seen: ChatCompletionChunk[] = [],
  ): Promise<ChatCompletionChunk[]> {
    for await (const c of stream) seen.push(c);
    return seen;
  }

  it('sends the key, the JSON body without stream_options, and for streams forces include_usage', async () => {
    const seen: Array<{ url?: string; auth?: string; body: Record<string, unknown> }> = [];
    const p = await setup(async (req, res) => {
      seen.push({ url: req.url, auth: req.headers.authorization, body: await jsonBody(req) });
      if (seen.length === 1)
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ choices: [] }));
      res.writeHead(200, sseHeaders).end('data: [DONE]\n\n');
    });
    await p.complete({ ...body, stream: true, stream_options: { include_usage: false } }, {});
    await drain(p.stream({ ...body, stream_options: { include_usage: false } }, {}));
    expect(seen).toEqual([
      { url: '/v1/chat/completions', auth: `Bearer ${API_KEY}`, body: { ...body, stream: false } },
      {
        url: '/v1/chat/completions',
        auth: `Bearer ${API_KEY}`,
        body: { ...body, stream: true, stream_options: { include_usage: true } },
      },
    ]);
  });

  it('reports a 429 as retriable with the upstream Retry-After', async () => {
    const p = await setup(
      (_req, res) => void res.writeHead(429, { 'retry-after': '3' }).end('{"error":{"message":"Rate limit reached"}}'),
    );
    expect(await failure(p.complete(body, {}))).toMatchObject({
      code: 'upstream_error',
      retriable: true,
      upstreamStatus: 429,
      retryAfterSeconds: 3,
      provider: 'fake',
    });
  });

  it('reports a 500 as retriable, on streams before the first chunk', async () => {
    const p = await setup((_req, res) => void res.writeHead(500).end('boom'));
    expect(await failure(p.complete(body, {}))).toMatchObject({
      code: 'upstream_error',
      retriable: true,
      upstreamStatus: 500,
      detail: 'boom',
    });
    expect(await failure(drain(p.stream(body, {})))).toMatchObject({
      code: 'upstream_error',
      retriable: true,
      upstreamStatus: 500,
    });
  });

  it('reports a 400 as upstream_bad_request with a clean message and never the key', async () => {
    const p = await setup(
      (_req, res) =>
        void res
          .writeHead(400)
          .end(JSON.stringify({ error: { message: `Invalid 'messages': too long (key ${API_KEY})` } })),
    );
    const err = await failure(p.complete(body, {}));
    expect(err).toMatchObject({ code: 'upstream_bad_request', retriable: false, upstreamStatus: 400 });
    expect(err.message).toBe(
      "The upstream provider rejected the request: Invalid 'messages': too long (key [redacted])",
    );
    expect(JSON.stringify({ message: err.message, detail: err.detail })).not.toContain(API_KEY);
  });

  it('reports a 401 from the upstream as our own non-retriable failure', async () => {
    const p = await setup(
      (_req, res) => void res.writeHead(401).end('{"error":{"message":"Incorrect API key provided"}}'),
    );
    expect(await failure(p.complete(body, {}))).toMatchObject({
      code: 'upstream_error',
      retriable: false,
      upstreamStatus: 401,
      message: 'The upstream provider refused the call (HTTP 401).',
    });
  });

  it('reports a refused connection as a retriable upstream_error', async () => {
    const port = await closedPort();
    provider = new OpenAiCompatibleProvider(
      { name: 'gone', kind: 'openai', baseUrl: `http://127.0.0.1:${port}/v1`, timeoutMs: 2000 },
      undefined,
    );
    expect(await failure(provider.complete(body, {}))).toMatchObject({
      code: 'upstream_error',
      retriable: true,
      message: 'Could not reach the upstream provider.',
    });
    expect(await failure(drain(provider.stream(body, {})))).toMatchObject({ code: 'upstream_error', retriable: true });
  });

  it('times out when the upstream never sends headers', async () => {
    const p = await setup(() => undefined, 200);
    const started = Date.now();
    expect(await failure(p.complete(body, {}))).toMatchObject({ code: 'upstream_timeout', retriable: true });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('times out when a stream goes silent', async () => {
    const p = await setup((_req, res) => void res.writeHead(200, sseHeaders).write(chunk('Hel')), 200);
    const seen: ChatCompletionChunk[] = [];
    expect(await failure(drain(p.stream(body, {}), seen))).toMatchObject({ code: 'upstream_timeout', retriable: true });
    expect(seen).toHaveLength(1);
  });

  it('fails a stream that ends without [DONE], after the chunks that did arrive', async () => {
    const p = await setup((_req, res) => void res.writeHead(200, sseHeaders).end(chunk('Hel') + chunk('lo')));
    const seen: ChatCompletionChunk[] = [];
    expect(await failure(drain(p.stream(body, {}), seen))).toMatchObject({
      code: 'upstream_error',
      message: 'The upstream stream ended before it was complete.',
    });
    expect(seen.map((c) => c.choices[0].delta.content)).toEqual(['Hel', 'lo']);
  });

  it('fails a stream whose connection is cut mid-way', async () => {
    const p = await setup((_req, res) => {
      res.writeHead(200, sseHeaders).write(chunk('Hel'));
      setTimeout(() => res.socket?.destroy(), 20);
    });
    expect(await failure(drain(p.stream(body, {})))).toMatchObject({ code: 'upstream_error', retriable: true });
  });

  it('fails a 200 whose body is not a completion', async () => {
    const p = await setup((_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end('<html>'));
    expect(await failure(p.complete(body, {}))).toMatchObject({
      code: 'upstream_error',
      retriable: true,
      message: 'The upstream provider sent a malformed response.',
    });
  });

  it('finishes at [DONE] without waiting for the body to end, and keeps the connection', async () => {
    const p = await setup((_req, res) => {
      res.writeHead(200, sseHeaders).write(`${chunk('ok')}data: [DONE]\n\n`);
      setTimeout(() => res.end(), 1_500);
    });
    // The body stays open for 1.5 s after [DONE]; finishing well before that proves the relay
    // stops at [DONE] (the margin is wide so a loaded machine cannot fail it).
    const started = Date.now();
    expect(await drain(p.stream(body, {}))).toHaveLength(1);
    expect(Date.now() - started).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 1_700));
    await drain(p.stream(body, {}));
    expect(upstream!.sockets).toHaveLength(1);
  });

  it('aborts a stream when the signal fires: the upstream sees its socket close', async () => {
    let upstreamSawClose = false;
    const p = await setup((_req, res) => {
      res.on('close', () => (upstreamSawClose = true));
      res.writeHead(200, sseHeaders).write(chunk('first'));
    });
    const controller = new AbortController();
    const reason = new Error('client disconnected');
    const seen: ChatCompletionChunk[] = [];
    const run = (async () => {
      for await (const c of p.stream(body, { signal: controller.signal })) {
        seen.push(c);
        controller.abort(reason);
      }
    })();
    await expect(run).rejects.toBe(reason);
    expect(seen).toHaveLength(1);
    await waitFor(() => upstreamSawClose, {
      timeoutMs: 2_000,
      intervalMs: 10,
      describe: 'the upstream to see the close',
    });
  });

  it('aborts a call still waiting for headers', async () => {
    let upstreamSawClose = false;
    const p = await setup((req) => void req.socket.on('close', () => (upstreamSawClose = true)));
    const controller = new AbortController();
    const pending = p.complete(body, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    await waitFor(() => upstreamSawClose, {
      timeoutMs: 2_000,
      intervalMs: 10,
      describe: 'the upstream to see the close',
    });
  });

  it('closes the upstream connection when the caller stops reading early', async () => {
    let upstreamSawClose = false;
    const p = await setup((_req, res) => {
      res.on('close', () => (upstreamSawClose = true));
      res.writeHead(200, sseHeaders).write(chunk('a') + chunk('b'));
    });
    for await (const _c of p.stream(body, {})) break;
    await waitFor(() => upstreamSawClose, {
      timeoutMs: 2_000,
      intervalMs: 10,
      describe: 'the upstream to see the close',
    });
  });
});
