import type { Server } from 'node:http';
import { applyServerTimeouts } from './server-timeouts.util';

const configured = (requestTimeoutMs: number, headersTimeoutMs = 60_000) => {
  const server = {} as Server & { connectionsCheckingInterval: number };
  applyServerTimeouts(server, { requestTimeoutMs, headersTimeoutMs, keepAliveTimeoutMs: 5_000 });
  return server;
};

describe('applyServerTimeouts', () => {
  it.each([
    [30_000, 1_000],
    [10_000, 500],
    [2_000, 100],
    [1_000, 100],
    [600_000, 1_000],
  ])('checks a %i ms request timeout every %i ms, so it cuts within 5 % of it', (timeoutMs, intervalMs) => {
    expect(configured(timeoutMs).connectionsCheckingInterval).toBe(intervalMs);
  });

  it('never gives the headers longer than the whole request', () => {
    expect(configured(2_000, 60_000)).toMatchObject({
      requestTimeout: 2_000,
      headersTimeout: 2_000,
      keepAliveTimeout: 5_000,
    });
    expect(configured(90_000, 60_000)).toMatchObject({ requestTimeout: 90_000, headersTimeout: 60_000 });
  });
});
