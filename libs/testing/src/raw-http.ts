import { connect, type Socket } from 'node:net';

/** What came back on a raw connection: the parsed status line, headers and body, and when. */
export interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Milliseconds from the first byte sent to the end of the answer's headers. */
  answeredAfterMs: number;
}

export interface RawExchange {
  socket: Socket;
  /** Sends more bytes on the same connection (a body that arrives slowly). */
  write(bytes: string | Buffer): void;
  /** The first answer on the connection; rejects when the connection closes without one. */
  answer: Promise<RawAnswer>;
  close(): void;
}

/**
 * Opens a TCP connection to a loopback port and writes `bytes` as they are, so a spec can send
 * what fetch never would: broken request lines, oversized headers, a body that never ends.
 */
export function rawExchange(port: number, bytes: string | Buffer): RawExchange {
  const socket = connect(port, '127.0.0.1');
  const startedAt = performance.now();
  let received = Buffer.alloc(0);
  const answer = new Promise<RawAnswer>((resolve, reject) => {
    let headersAt: number | undefined;
    const settle = (ended: boolean) => {
      const text = received.toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      if (split < 0) return ended && reject(new Error(`connection closed without an answer: ${JSON.stringify(text)}`));
      headersAt ??= performance.now() - startedAt;
      const [statusLine, ...lines] = text.slice(0, split).split('\r\n');
      const headers = Object.fromEntries(
        lines.map((line) => [
          line.slice(0, line.indexOf(':')).trim().toLowerCase(),
          line.slice(line.indexOf(':') + 1).trim(),
        ]),
      );
      const status = Number(statusLine.split(' ')[1]);
      const body = received.subarray(Buffer.byteLength(text.slice(0, split + 4)));
      // 1xx, 204 and 304 answers have no body; others end after Content-Length bytes, or at close.
      const length = status < 200 || status === 204 || status === 304 ? 0 : Number(headers['content-length'] ?? NaN);
      if (!ended && !(body.length >= length)) return;
      resolve({
        status,
        headers,
        body: (Number.isNaN(length) ? body : body.subarray(0, length)).toString('utf8'),
        answeredAfterMs: headersAt,
      });
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      settle(false);
    });
    socket.on('error', () => settle(true));
    socket.on('close', () => settle(true));
  });
  socket.write(bytes);
  return { socket, write: (more) => socket.write(more), answer, close: () => socket.destroy() };
}
