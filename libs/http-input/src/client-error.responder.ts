import { randomUUID } from 'node:crypto';
import { type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import {
  InvalidRequestError,
  PayloadTooLargeError,
  RequestHeaderFieldsTooLargeError,
  RequestTimeoutError,
  type SwitchyardError,
  toOpenAiError,
} from '@switchyard/contracts';
import { isDiscardingBody } from './discard-body.util';

export interface ClientErrorAnswer {
  requestId: string;
  status: number;
  /** Node's code for what went wrong (HPE_HEADER_OVERFLOW, ERR_HTTP_REQUEST_TIMEOUT…). */
  cause: string;
}

export interface ClientErrorOptions {
  /** Headers every answer of the app carries (its security headers). */
  headers?: ReadonlyArray<readonly [name: string, value: string]>;
  /** Told of every answer written, for the app's log (there is no request line for these). */
  onAnswer?: (answer: ClientErrorAnswer) => void;
}

/** What Node's HTTP parser or its request timeout refused, in Switchyard's error codes. */
function errorFor(code: string | undefined): SwitchyardError {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return new RequestHeaderFieldsTooLargeError('The request headers are too large.');
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return new PayloadTooLargeError('The chunk extensions of the request body are too large.');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new RequestTimeoutError('The request did not arrive in time.');
    default:
      return new InvalidRequestError('The request is not valid HTTP/1.1.');
  }
}

/**
 * Answers what Node refuses before any request handler runs (malformed HTTP, headers over the
 * limit, a request not sent within requestTimeout) the way Node would, status and all, but with a
 * body in OpenAI's error shape, an x-request-id and the app's headers instead of an empty body.
 * Like Node it writes only when no answer has started on the socket, then closes the connection.
 */
export function answerClientErrors(server: Server, options: ClientErrorOptions = {}): void {
  const extraHeaders = (options.headers ?? []).map(([name, value]) => `${name}: ${value}\r\n`).join('');
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Socket) => {
    // The client left, or its request was answered already and the rest of it is being dropped.
    if (err.code === 'ECONNRESET' || !socket.writable || isDiscardingBody(socket)) return void socket.destroy();
    // Node's own caution: never write into an answer that has started.
    const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
    if (inFlight?.headersSent) return void socket.destroy();
    const sentId = inFlight?.getHeader('x-request-id');
    const requestId = typeof sentId === 'string' ? sentId : randomUUID();
    const { status, body } = toOpenAiError(errorFor(err.code));
    const json = JSON.stringify(body);
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(json)}\r\nConnection: close\r\nx-request-id: ${requestId}\r\n` +
        `${extraHeaders}\r\n${json}`,
    );
    socket.destroy();
    options.onAnswer?.({ requestId, status, cause: err.code ?? 'unknown' });
  });
}
