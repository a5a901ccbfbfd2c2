import type { Server } from 'node:http';

export interface ServerTimeouts {
  /** The whole request (headers and body) must arrive within this. */
  requestTimeoutMs: number;
  /** The headers must arrive within this (at most requestTimeoutMs). */
  headersTimeoutMs: number;
  /** Idle keep-alive connections are closed after this. */
  keepAliveTimeoutMs: number;
}

/**
 * Sets a server's timeouts so they cut when configured. Node checks the request and headers
 * deadlines only every `connectionsCheckingInterval` (30 s by default), so a 30 s requestTimeout
 * cut anywhere between 30 and 60 s; checking every 1/20 of the shortest deadline (0.1–1 s) keeps
 * the cut within 5 % of it. The check walks only the connections whose deadline passed: cheap.
 * Call before listen(): Node reads the interval when the server starts listening.
 */
export function applyServerTimeouts(server: Server, timeouts: ServerTimeouts): void {
  server.requestTimeout = timeouts.requestTimeoutMs;
  server.headersTimeout = Math.min(timeouts.headersTimeoutMs, timeouts.requestTimeoutMs);
  server.keepAliveTimeout = timeouts.keepAliveTimeoutMs;
  const shortest = Math.min(timeouts.requestTimeoutMs, server.headersTimeout);
  (server as Server & { connectionsCheckingInterval: number }).connectionsCheckingInterval = Math.max(
    100,
    Math.min(1_000, Math.floor(shortest / 20)),
  );
}
