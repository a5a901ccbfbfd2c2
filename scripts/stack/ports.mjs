import { connect } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** True when something accepts TCP connections on 127.0.0.1:port. */
export function isListening(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.setTimeout(500);
    const done = (listening) => {
      socket.destroy();
      resolve(listening);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}

/** Polls until the port answers; rejects after `timeoutMs` or as soon as `gaveUp()` says so. */
export async function waitForPort(port, { timeoutMs, gaveUp = () => false }) {
  const deadline = Date.now() + timeoutMs;
  while (!(await isListening(port))) {
    if (gaveUp()) throw new Error(`stopped before listening on port ${port}`);
    if (Date.now() > deadline) throw new Error(`not listening on port ${port} after ${timeoutMs / 1000} s`);
    await sleep(200);
  }
}
