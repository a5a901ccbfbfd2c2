import { BadRequestException, type HttpException } from '@nestjs/common';
import { type ErrorCode, SwitchyardError } from '@switchyard/contracts';

/**
 * Nest's own exceptions (unknown route, wrong method, a ValidationPipe's 400) expressed in
 * Switchyard's error codes, so every app answers them in the same OpenAI shape.
 */
export function fromHttpException(err: HttpException): SwitchyardError {
  const status = err.getStatus();
  if (err instanceof BadRequestException) {
    // ValidationPipe puts one message per broken constraint in `message`; the first is enough.
    const message = (err.getResponse() as { message?: unknown }).message;
    return new SwitchyardError('invalid_request', Array.isArray(message) ? String(message[0]) : err.message);
  }
  const code: ErrorCode =
    status === 404
      ? 'not_found'
      : status === 413
        ? 'payload_too_large'
        : status < 500
          ? 'invalid_request'
          : 'internal_error';
  return new SwitchyardError(code, status === 404 ? 'Not found.' : err.message);
}
