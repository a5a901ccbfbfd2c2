import { HttpException, type LoggerService } from '@nestjs/common';
import type { Response } from 'express';
import { toOpenAiError } from '@switchyard/contracts';
import { fromHttpException } from '@switchyard/observability';

/**
 * Anything thrown while serving an admin request (by a route, or by the admin ingress before
 * one), as an OpenAI-shaped answer; our own failures (5xx) are logged.
 */
export function answerAdminError(err: unknown, res: Response, logger: LoggerService): void {
  const mapped = toOpenAiError(err instanceof HttpException ? fromHttpException(err) : err);
  if (mapped.status >= 500) logger.error(err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err));
  if (res.headersSent) {
    res.end();
    return;
  }
  res.status(mapped.status).json(mapped.body);
}
