import type { LoggerService } from '@nestjs/common';
import type { Response } from 'express';
import { answerWithError } from '@switchyard/observability';
import { requestIdsOf } from '../../http/request-ids.middleware';

/**
 * Anything thrown while serving a billing request (an admin route, an unknown path, a pipe or
 * guard), answered exactly as the gateway answers it (answerWithError): OpenAI's shape, the
 * request id, Retry-After where the error has one; our own failures (5xx) are logged.
 */
export function answerAdminError(err: unknown, res: Response, logger: LoggerService): void {
  answerWithError(err, requestIdsOf(res.req)?.requestId, res, logger);
}
