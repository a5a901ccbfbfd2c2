import { UpstreamError } from '../upstream.error';
import { errorFromStatus, errorFromTransport, parseRetryAfterSeconds, redactSecrets } from './upstream-failure.util';

const KEY = 'sk-proj-abcdefghijklmnop1234';

describe(errorFromStatus.name, () => {
  it.each([
    [429, 'upstream_error', true],
    [500, 'upstream_error', true],
    [502, 'upstream_error', true],
    [503, 'upstream_error', true],
    [409, 'upstream_error', true],
    [408, 'upstream_timeout', true],
    [400, 'upstream_bad_request', false],
    [413, 'upstream_bad_request', false],
    [422, 'upstream_bad_request', false],
    [401, 'upstream_error', false],
    [403, 'upstream_error', false],
    [404, 'upstream_error', false],
  ])('maps HTTP %i to %s (retriable: %s)', (status, code, retriable) => {
    const err = errorFromStatus(status, {}, '', 'openai', KEY);
    expect(err).toBeInstanceOf(UpstreamError);
    expect(err).toMatchObject({ code, retriable, upstreamStatus: status, provider: 'openai' });
  });

  it("keeps the upstream's Retry-After on a 429", () => {
    expect(errorFromStatus(429, { 'retry-after': '7' }, '', 'openai', KEY).retryAfterSeconds).toBe(7);
  });

  it('passes a cleaned upstream reason for a 400 and keeps the raw body only in detail', () => {
    const body = JSON.stringify({
      error: {
        message: `This model's maximum context length is 128000 tokens. Key ${KEY} was used.`,
        type: 'invalid_request_error',
      },
    });
    const err = errorFromStatus(400, {}, body, 'openai', KEY);
    expect(err.message).toBe(
      "The upstream provider rejected the request: This model's maximum context length is 128000 tokens. Key [redacted] was used.",
    );
    expect(err.detail).not.toContain(KEY);
    expect(err.detail).toContain('maximum context length');
  });

  it('falls back to a generic message when the 400 body is not OpenAI-shaped', () => {
    expect(errorFromStatus(400, {}, '<html>Bad Request</html>', 'openai', KEY).message).toBe(
      'The upstream provider rejected the request.',
    );
  });

  it("never puts the upstream's words in a 401's message", () => {
    const err = errorFromStatus(
      401,
      {},
      JSON.stringify({ error: { message: `Incorrect API key provided: ${KEY}` } }),
      'openai',
      KEY,
    );
    expect(err.message).toBe('The upstream provider refused the call (HTTP 401).');
    expect(err.detail).toBe('{"error":{"message":"Incorrect API key provided: [redacted]"}}');
  });
});

describe(parseRetryAfterSeconds.name, () => {
  it.each([
    [{ 'retry-after': '3' }, 3],
    [{ 'retry-after': '1.2' }, 2],
    [{ 'retry-after-ms': '1500', 'retry-after': '9' }, 2],
    [{ 'retry-after': 'Thu, 01 Jan 1970 00:00:30 GMT' }, 20],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ])('reads %j as %s seconds', (headers, expected) => {
    expect(parseRetryAfterSeconds(headers, 10_000)).toBe(expected);
  });
});

describe(redactSecrets.name, () => {
  it('removes our key and key-shaped strings', () => {
    expect(redactSecrets(`a ${KEY} b sk-other1234567890 c`, KEY)).toBe('a [redacted] b [redacted] c');
  });

  it('removes megabytes of key-shaped text without throwing', () => {
    expect(redactSecrets('key-'.repeat(2_500_000), undefined)).toBe('[redacted]');
  });
});

describe(errorFromTransport.name, () => {
  it.each([
    ['UND_ERR_CONNECT_TIMEOUT', 'upstream_timeout'],
    ['UND_ERR_HEADERS_TIMEOUT', 'upstream_timeout'],
    ['UND_ERR_BODY_TIMEOUT', 'upstream_timeout'],
    ['ECONNREFUSED', 'upstream_error'],
    ['UND_ERR_SOCKET', 'upstream_error'],
  ])('maps %s to a retriable %s', (code, expected) => {
    const err = errorFromTransport(Object.assign(new Error('x'), { code }), 'openai', undefined);
    expect(err).toMatchObject({ code: expected, retriable: true, provider: 'openai' });
  });

  it('looks inside the AggregateError of a multi-address connect', () => {
    const err = errorFromTransport(
      new AggregateError([Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })]),
      'openai',
      undefined,
    );
    expect(err).toMatchObject({ code: 'upstream_error', retriable: true, detail: 'ECONNREFUSED' });
  });

  it("returns the caller's abort reason unchanged", () => {
    const controller = new AbortController();
    const reason = new Error('client went away');
    controller.abort(reason);
    expect(errorFromTransport(new Error('aborted'), 'openai', controller.signal)).toBe(reason);
  });

  it('treats a deadline signal as an upstream timeout', () => {
    const controller = new AbortController();
    controller.abort(new DOMException('deadline', 'TimeoutError'));
    expect(errorFromTransport(new Error('aborted'), 'openai', controller.signal)).toMatchObject({
      code: 'upstream_timeout',
      retriable: true,
    });
  });
});
