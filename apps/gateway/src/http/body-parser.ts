import { json, type ErrorRequestHandler, type RequestHandler } from 'express';
import { toOpenAiError } from '@switchyard/contracts';
import { sendOpenAiError } from '../errors/send-openai-error';
import { bodyErrors } from './json-body';

/** JSON bodies up to the configured limit; parser failures answered in OpenAI's shape (never a 500). */
export function jsonBodyParser(limitBytes: number): [RequestHandler, ErrorRequestHandler] {
  const parse = json({ limit: limitBytes, strict: false, type: ['application/json', 'application/*+json'] });
  const onError: ErrorRequestHandler = (err: { type?: string; status?: number }, _req, res, next) => {
    if (!err || typeof err !== 'object' || !('type' in err)) return next(err);
    const error =
      err.type === 'entity.too.large'
        ? bodyErrors.tooLarge(limitBytes)
        : err.type === 'entity.parse.failed'
          ? bodyErrors.notJson()
          : bodyErrors.unreadable();
    sendOpenAiError(res, toOpenAiError(error));
  };
  return [parse, onError];
}
