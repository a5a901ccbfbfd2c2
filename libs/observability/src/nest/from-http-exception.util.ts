import { BadRequestException, type HttpException } from '@nestjs/common';
import {
  InternalError,
  InvalidRequestError,
  NotFoundError,
  PayloadTooLargeError,
  type SwitchyardError,
} from '@switchyard/contracts';

/**
 * Nest's own exceptions (unknown route, wrong method, a ValidationPipe's 400) expressed in
 * Switchyard's errors, so they take the one mapping (toOpenAiError) like everything else.
 */
export function fromHttpException(err: HttpException): SwitchyardError {
  const status = err.getStatus();
  if (err instanceof BadRequestException) {
    // ValidationPipe puts one message per broken constraint in `message`; the first is enough.
    const message = (err.getResponse() as { message?: unknown }).message;
    return new InvalidRequestError(Array.isArray(message) ? String(message[0]) : err.message);
  }
  if (status === 404) return new NotFoundError('Not found.');
  if (status === 413) return new PayloadTooLargeError(err.message);
  return status < 500 ? new InvalidRequestError(err.message) : new InternalError(err.message);
}
