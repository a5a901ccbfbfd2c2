import { listeningAddressOf, rawExchange, type RawAnswer, waitFor } from '@switchyard/testing';
import { useFundedStack } from './support/funded-stack';

// Real: gateway and billing processes (Postgres, Redis); raw TCP clients for what fetch never
// sends. What Node's HTTP server refuses before any handler runs must be answered like every other
// error: OpenAI's shape, a request id, the security headers; and timeouts must cut when configured.
const REQUEST_TIMEOUT_MS = 2_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function expectOpenAiError(answer: RawAnswer, status: number, code: string): void {
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
  expect(answer.headers['x-request-id']).toMatch(UUID);
  expect(answer.headers['x-content-type-options']).toBe('nosniff');
  expect(JSON.parse(answer.body)).toEqual({
    error: { message: expect.any(String), type: 'invalid_request_error', param: null, code },
    message: expect.any(String),
  });
}

describe('Answers from below the request handlers', () => {
  const e2e = useFundedStack(
    10_000_000n,
    { REQUEST_TIMEOUT_MS: String(REQUEST_TIMEOUT_MS), LOG_LEVEL: 'info' },
    { billingEnv: { LOG_LEVEL: 'info' } },
  );

  const apps = [
    ['gateway', () => e2e.stack.gateway],
    ['billing', () => e2e.stack.billing],
  ] as const;

  it.each(apps)('%s listens on loopback by default, and its log says where it really listens', async (_name, app) => {
    expect(listeningAddressOf(app().port)).toBe('127.0.0.1');
    // The gateway writes its log out every 500 ms (or 4 KB), not line by line.
    const line = `Listening on http://127.0.0.1:${app().port}`;
    await waitFor(async () => app().output().includes(line), { timeoutMs: 5_000, describe: 'the listening log line' });
  });

  it.each(apps)('%s answers headers over the limit with 431 in OpenAI shape', async (_name, app) => {
    const exchange = rawExchange(
      app().port,
      `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expectOpenAiError(await exchange.answer, 431, 'request_header_fields_too_large');
  });

  it.each(apps)('%s answers a request that is not HTTP with 400 in OpenAI shape', async (_name, app) => {
    const exchange = rawExchange(app().port, 'GET /health/live HTTP/1.1\r\nHost: x\r\nContent-Length: nope\r\n\r\n');
    expectOpenAiError(await exchange.answer, 400, 'invalid_request');
  });

  it('cuts a request whose body does not arrive within REQUEST_TIMEOUT_MS at that time, with 408 carrying its request id', async () => {
    const exchange = rawExchange(
      e2e.stack.gateway.port,
      `POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${e2e.team.apiKey}\r\n` +
        'Content-Type: application/json\r\nContent-Length: 1000\r\nX-Request-Id: slow-client-1\r\n\r\n{"model":',
    );
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer in 4 s')), 4_000));
    const answer = await Promise.race([exchange.answer, timeout]);
    expect(answer.status).toBe(408);
    expect(answer.headers['x-request-id']).toBe('slow-client-1');
    expect(JSON.parse(answer.body).error.code).toBe('request_timeout');
    // Node checks the deadline every REQUEST_TIMEOUT_MS / 20 (100 ms here): the cut lands within that.
    expect(answer.answeredAfterMs).toBeGreaterThanOrEqual(REQUEST_TIMEOUT_MS - 50);
    expect(answer.answeredAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 500);
  });

  it('cuts a client that never finishes its headers at REQUEST_TIMEOUT_MS too', async () => {
    const exchange = rawExchange(e2e.stack.gateway.port, 'GET /v1/models HTTP/1.1\r\nHost: x\r\n');
    const answer = await exchange.answer;
    expectOpenAiError(answer, 408, 'request_timeout');
    expect(answer.answeredAfterMs).toBeLessThan(REQUEST_TIMEOUT_MS + 500);
  });

  it.each([
    ['the chat route', '/v1/chat/completions', 'POST'],
    ['a control route', '/v1/models', 'GET'],
  ])('never echoes a 5,000-character x-request-id on %s', async (_case, path, method) => {
    const res = await fetch(`${e2e.stack.gatewayUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${e2e.team.apiKey}`,
        'content-type': 'application/json',
        'x-request-id': 'a'.repeat(5_000),
      },
      body:
        method === 'POST'
          ? JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] })
          : undefined,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toMatch(UUID);
  });
});
