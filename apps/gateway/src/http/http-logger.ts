import type { IncomingMessage } from 'node:http';
import type { Request } from 'express';
import { destination } from 'pino';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { httpLoggerOptions, routeLabelOf, secretLiterals } from '@switchyard/observability';
import type { GatewayConfig } from '../config/gateway-config';

import { AccessLog } from './access-log';
import { requestContextOf } from './request-context';

const LOG_BUFFER_BYTES = 4096;
/** How long a log line may wait in the buffer at most (a quiet gateway's lines still show promptly). */
const FLUSH_EVERY_MS = 500;

/**
 * One JSON line per request (request id, team, key prefix, route, status, latency) and the logger
 * every Nest log goes through. Runs right after the request context, so even a body the parser
 * refuses gets its line. Secrets: see httpLoggerOptions; `secrets` adds the configured provider keys.
 */
export interface GatewayLoggers {
  httpLogger: HttpLogger;
  /** The data-plane ingress's request lines, on the same stream. */
  accessLog: AccessLog;
  flushLogs: (done: () => void) => void;
}

export function createHttpLogger(config: GatewayConfig, secrets: readonly (string | undefined)[]): GatewayLoggers {
  // Asynchronous, buffered stdout: lines go out in writes of 4 KB or every FLUSH_EVERY_MS, not one
  // write (and one thread-pool hop) per request line. flushLogs drains the rest before exit.
  const stdout = destination({ dest: 1, sync: false, minLength: LOG_BUFFER_BYTES });
  const flusher = setInterval(() => stdout.flush(), FLUSH_EVERY_MS);
  flusher.unref();
  const { level } = config.logging;
  const httpLogger = pinoHttp(
    httpLoggerOptions({
      level,
      secrets,
      requestId: (req: IncomingMessage) => requestContextOf(req as Request)?.requestId ?? 'unknown',
      requestProps: (req, res) => {
        // Only once the answer is out: at the start nothing is known yet.
        if (!res.headersSent) return {};
        const ctx = requestContextOf(req as Request);
        return {
          team: ctx?.teamId,
          keyPrefix: ctx?.keyPrefix,
          clientRequestId: ctx?.clientRequestId ?? undefined,
          route: routeLabelOf(req as Request),
        };
      },
      quietPaths: /^\/(health|metrics)(\/|$|\?)/,
    }),
    stdout,
  );
  const flushLogs = (done: () => void) => {
    clearInterval(flusher);
    const fallback = setTimeout(done, 1000);
    stdout.flush(() => {
      clearTimeout(fallback);
      done();
    });
  };
  return { httpLogger, accessLog: new AccessLog(level, stdout, secretLiterals(secrets)), flushLogs };
}
