import type { ServerResponse } from 'node:http';
import { HttpException, type LoggerService } from '@nestjs/common';
import { SwitchyardError, toOpenAiError } from '@switchyard/contracts';
import { fromHttpException } from '@switchyard/observability';
import { sendOpenAiError } from './send-openai-error';

/**
 * Anything thrown while serving a request becomes an OpenAI-shaped answer here, whichever lane
 * served it (Nest's exception filter or the chat lane). Our own failures (5xx) are logged with
 * their cause; the client sees only the mapped message and the request id.
 */
export function answerWithError(
  err: unknown,
  requestId: string | undefined,
  res: ServerResponse,
  logger: LoggerService,
): void {
  const known = err instanceof HttpException ? fromHttpException(err) : err;
  const mapped = toOpenAiError(known, requestId);
  if (mapped.status >= 500) {
    const detail = err instanceof SwitchyardError ? (err.details.cause ?? err.message) : err;
    logger.error({ requestId, code: mapped.body.error.code, detail: describe(detail) });
  }
  sendOpenAiError(res, mapped);
}

function describe(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ''}`;
  return String(value);
}
