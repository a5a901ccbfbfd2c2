import { formatResetDuration, rateLimitHeaders } from './rate-limit-headers.util';

describe(rateLimitHeaders.name, () => {
  it('writes the requests and tokens trios for the limits that apply', () => {
    const headers = rateLimitHeaders({
      allowed: true,
      requests: { limit: 60, remaining: 59, resetMs: 12_300 },
      tokens: { limit: 10_000, remaining: 9_900, resetMs: 12_300 },
      exceeded: null,
      retryAfterSeconds: 13,
    });

    expect(headers).toEqual({
      'x-ratelimit-limit-requests': '60',
      'x-ratelimit-remaining-requests': '59',
      'x-ratelimit-reset-requests': '13s',
      'x-ratelimit-limit-tokens': '10000',
      'x-ratelimit-remaining-tokens': '9900',
      'x-ratelimit-reset-tokens': '13s',
    });
  });

  it('writes nothing for a key without limits', () => {
    expect(
      rateLimitHeaders({ allowed: true, requests: null, tokens: null, exceeded: null, retryAfterSeconds: 1 }),
    ).toEqual({});
  });
});

describe(formatResetDuration.name, () => {
  it.each([
    [20, '20ms'],
    [1_000, '1s'],
    [59_001, '1m0s'],
    [360_000, '6m0s'],
  ])('formats %d ms as %s', (ms, text) => {
    expect(formatResetDuration(ms)).toBe(text);
  });
});
