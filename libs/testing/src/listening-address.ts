import { readFileSync } from 'node:fs';

/**
 * The IPv4 address a local TCP port is listening on, read from /proc/net/tcp (no traffic sent):
 * '0.0.0.0' for every interface, '127.0.0.1' for loopback only; null when nothing listens on it.
 */
export function listeningAddressOf(port: number): string | null {
  const LISTEN = '0A';
  for (const line of readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)) {
    const [, local, , state] = line.trim().split(/\s+/);
    if (state !== LISTEN || !local) continue;
    const [hexAddress, hexPort] = local.split(':');
    if (parseInt(hexPort, 16) !== port) continue;
    // Little-endian hex: 0100007F is 127.0.0.1.
    return [6, 4, 2, 0].map((at) => parseInt(hexAddress.slice(at, at + 2), 16)).join('.');
  }
  return null;
}
