import type { AddressInfo } from 'node:net';

/**
 * The URL a server really listens on, from `server.address()`: 0.0.0.0 stays 0.0.0.0 (every
 * interface, which an operator must see in the log) where Nest's getUrl() would say 127.0.0.1.
 */
export function listeningUrlOf(address: AddressInfo | string | null): string {
  if (address === null) return 'nowhere (not listening)';
  if (typeof address === 'string') return `unix:${address}`;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return `http://${host}:${address.port}`;
}
