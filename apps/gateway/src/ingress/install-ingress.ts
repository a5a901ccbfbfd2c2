import type { RequestListener, Server } from 'node:http';
import type { LoggerService } from '@nestjs/common';
import { answerClientErrors, applyServerTimeouts, type ServerTimeouts } from '@switchyard/http-input';
import { STRICT_SECURITY_HEADERS } from '@switchyard/observability';
import type { DataPlaneIngress } from './data-plane.ingress';

/**
 * Puts the ingress in front of the express app on the server's 'request' and 'checkContinue'
 * events, answers what Node's parser refuses in OpenAI's shape, and sets the timeouts (slow
 * clients cannot hold sockets: the whole request must arrive in time; idle keep-alives close).
 */
export function installIngress(
  server: Server,
  ingress: DataPlaneIngress,
  timeouts: ServerTimeouts,
  logger: LoggerService,
): void {
  const [expressApp] = server.listeners('request') as RequestListener[];
  server.removeAllListeners('request');
  server.on('request', ingress.listener(expressApp));
  server.on('checkContinue', ingress.continueListener(expressApp));
  answerClientErrors(server, {
    headers: STRICT_SECURITY_HEADERS,
    onAnswer: ({ requestId, status, cause }) =>
      logger.warn({ requestId, status, cause, msg: 'refused before a request handler ran' }),
  });
  applyServerTimeouts(server, timeouts);
}
