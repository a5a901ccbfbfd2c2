// Specs only: not exported from the library.
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface RunningServer {
  server: Server;
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** Sockets the server accepted, to count connections and see closes. */
  sockets: Socket[];
  close(): Promise<void>;
}

/** Starts a server on 127.0.0.1 on a free port. */
export async function listen(serverOrHandler: Server | RequestListener): Promise<RunningServer> {
  const server = typeof serverOrHandler === 'function' ? createServer(serverOrHandler) : serverOrHandler;
  const sockets: Socket[] = [];
  server.on('connection', (socket: Socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    server,
    origin: `http://127.0.0.1:${port}`,
    sockets,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: bound once, then released. */
export async function closedPort(): Promise<number> {
  const running = await listen((_req, res) => res.end());
  const port = Number(new URL(running.origin).port);
  await running.close();
  return port;
}

/** Reads a request body as JSON. */
export async function jsonBody(req: AsyncIterable<Buffer>): Promise<Record<string, unknown>> {
  const pieces: Buffer[] = [];
  for await (const piece of req) pieces.push(piece);
  return JSON.parse(Buffer.concat(pieces).toString('utf8')) as Record<string, unknown>;
}
