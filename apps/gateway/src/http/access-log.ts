import type { IncomingMessage, ServerResponse } from 'node:http';
import pino, { type DestinationStream, type Logger } from 'pino';
import { redactSecrets, requestLogFields, requestLogLevel } from '@switchyard/observability';
import type { RequestContext } from './request-context';

/**
 * The chat lane's request lines: the fields pino-http writes for every other route (the same
 * requestLogFields and requestLogLevel), on the same stream, without a child logger per request
 * and without walking the line for secrets. Of its fields only the URL, the user agent and the
 * client's request id come from the client; those three are masked by redactSecrets, as every
 * string is on the pino-http logger.
 */
export class AccessLog {
  private readonly logger: Logger;

  constructor(
    level: string,
    stream: DestinationStream,
    private readonly secretLiterals: readonly string[],
  ) {
    this.logger = pino({ level }, stream);
  }

  /** Writes the request's line once the answer is over; nothing at all when its level is off. */
  record(req: IncomingMessage, res: ServerResponse, ctx: RequestContext, route: string): void {
    let logged = false;
    const log = () => {
      if (logged) return;
      logged = true;
      const aborted = !res.writableFinished;
      const level = requestLogLevel(res.statusCode, aborted);
      if (!this.logger.isLevelEnabled(level)) return;
      this.logger[level](
        {
          req: requestLogFields(
            { id: ctx.requestId, method: req.method, url: req.url, headers: req.headers },
            this.secretLiterals,
          ),
          res: { statusCode: res.statusCode },
          responseTime: Math.round(performance.now() - ctx.startedAt),
          team: ctx.teamId,
          keyPrefix: ctx.keyPrefix,
          clientRequestId:
            ctx.clientRequestId === null ? undefined : redactSecrets(ctx.clientRequestId, this.secretLiterals),
          route,
        },
        aborted ? 'request aborted' : 'request completed',
      );
    };
    res.once('finish', log);
    res.once('close', log);
  }
}
