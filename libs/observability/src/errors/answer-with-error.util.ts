import type { ServerResponse } from 'node:http';
import { HttpException, type LoggerService } from '@nestjs/common';
import { type MappedError, SwitchyardError, toOpenAiError } from '@switchyard/contracts';
import { fromHttpException } from '../nest/from-http-exception.util';
import { sendErrorAnswer } from './send-error-answer.util';

/** Anything thrown, Nest's own HttpExceptions included, through the one mapping (toOpenAiError). */
export function errorAnswerOf(err: unknown, requestId?: string): MappedError {
  return toOpenAiError(err instanceof HttpException ? fromHttpException(err) : err, requestId);
}

/**
 * How both apps answer anything thrown while serving a request (the gateway's /v1 and its
 * control routes, billing's /admin/v1 and the rest), whoever caught it: a Nest exception filter
 * or an ingress ahead of Nest. Our own failures (5xx) are logged with their cause and the request
 * id; the client sees the mapped message, the request id (x-request-id, and in a 500's message)
 * and Retry-After where the error has one.
 */
export function answerWithError(
  err: unknown,
  requestId: string | undefined,
  res: ServerResponse,
  logger: LoggerService,
): void {
  const mapped = errorAnswerOf(err, requestId);
  if (mapped.status >= 500) {
    const detail = err instanceof SwitchyardError ? (err.details.cause ?? err.message) : err;
    logger.error({ requestId, code: mapped.body.error.code, detail: describe(detail) });
  }
  if (requestId !== undefined && !res.headersSent && !res.hasHeader('x-request-id'))
    res.setHeader('x-request-id', requestId);
  sendErrorAnswer(res, mapped);
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ''}`;
  return String(value);
}
