import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Sockets whose current request was answered and whose body is being thrown away. */
const discarding = new WeakSet<Socket>();

/** Whether `socket` carries a request that was answered before its body was read (see discardBody). */
export function isDiscardingBody(socket: Socket): boolean {
  return discarding.has(socket);
}

export interface DiscardOptions {
  /** A declared rest of at most this many bytes is read and dropped, keeping the connection alive. */
  drainBytes: number;
  /** Any other rest is not read: the connection closes this long after the answer, time for the client to read it. */
  lingerMs: number;
}

export const DEFAULT_DISCARD: DiscardOptions = { drainBytes: 1024 * 1024, lingerMs: 2_000 };

/**
 * What to do with the rest of a request body answered without being read (an unauthenticated
 * request, a refused body); call it before writing the answer. A small declared rest is read
 * and dropped unparsed, so the connection can carry the next request. Any other rest (large, or
 * of unknown length) is not read at all: see closeAfterAnswer. A refused 10 MB body costs
 * next to nothing either way.
 */
export function discardBody(req: IncomingMessage, res: ServerResponse, options = DEFAULT_DISCARD): void {
  if (req.complete || req.destroyed) return;
  if (!(Number(req.headers['content-length']) <= options.drainBytes)) return closeAfterAnswer(req, res, options);
  const socket = req.socket;
  discarding.add(socket);
  req.once('end', () => discarding.delete(socket));
  // Listening marks the request as consumed: node:http then leaves its draining to us.
  req.on('data', () => undefined);
  req.resume();
}

/**
 * Stops reading a request that is being answered (TCP then pushes back on the sender) and
 * closes its connection once the answer is out: `Connection: close`, our side shut after the
 * answer, the socket destroyed `lingerMs` later. Destroying it at once, with the client's bytes
 * unread, would reset the connection, and a client still sending could lose the answer.
 */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse, options = DEFAULT_DISCARD): void {
  const socket = req.socket;
  discarding.add(socket);
  if (!res.headersSent) res.setHeader('connection', 'close');
  // node:http ends a `Connection: close` answer with socket.destroySoon(), which resets a socket
  // with unread bytes at once; without it, node:http only shuts our side (its documented fallback).
  Object.defineProperty(socket, 'destroySoon', { value: undefined, configurable: true });
  req.on('data', () => undefined);
  req.pause();
  res.once('finish', () => {
    const linger = setTimeout(() => socket.destroy(), options.lingerMs);
    socket.once('close', () => clearTimeout(linger));
  });
  res.once('close', () => res.writableFinished || socket.destroy());
}
