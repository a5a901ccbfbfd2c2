import { CsrfFailedError } from './csrf-failed.error';
import { InsufficientCreditsError } from './insufficient-credits.error';
import { InternalError } from './internal.error';
import { InvalidApiKeyError } from './invalid-api-key.error';
import { InvalidJsonError } from './invalid-json.error';
import { InvalidRequestError } from './invalid-request.error';
import { ModelNotFoundError } from './model-not-found.error';
import { NotFoundError } from './not-found.error';
import { PayloadTooLargeError } from './payload-too-large.error';
import { PermissionDeniedError } from './permission-denied.error';
import { RateLimitExceededError } from './rate-limit-exceeded.error';
import { RequestHeaderFieldsTooLargeError } from './request-header-fields-too-large.error';
import { RequestTimeoutError } from './request-timeout.error';
import { ServiceUnavailableError } from './service-unavailable.error';
import type { SwitchyardError } from './switchyard.error';
import { TeamNotFoundError } from './team-not-found.error';
import { toOpenAiError } from './to-openai-error';
import { UnsupportedMediaTypeError } from './unsupported-media-type.error';

describe(toOpenAiError.name, () => {
  it.each<[SwitchyardError, number, string, string, string | null]>([
    [
      new InvalidRequestError('messages must be an array', 'messages'),
      400,
      'invalid_request_error',
      'invalid_request',
      'messages',
    ],
    [new InvalidJsonError(), 400, 'invalid_request_error', 'invalid_json', null],
    [new InvalidApiKeyError(), 401, 'authentication_error', 'invalid_api_key', null],
    [new InsufficientCreditsError(), 402, 'insufficient_credits', 'insufficient_credits', null],
    [new PermissionDeniedError('not this model', 'model'), 403, 'permission_denied', 'permission_denied', 'model'],
    [new CsrfFailedError('no CSRF token'), 403, 'permission_denied', 'csrf_failed', null],
    [new ModelNotFoundError('nope'), 404, 'invalid_request_error', 'model_not_found', 'model'],
    [new NotFoundError('No key with id k.', 'key_id'), 404, 'invalid_request_error', 'not_found', 'key_id'],
    [new TeamNotFoundError('t-1'), 404, 'invalid_request_error', 'not_found', 'team_id'],
    [new PayloadTooLargeError('too big'), 413, 'invalid_request_error', 'payload_too_large', null],
    [new UnsupportedMediaTypeError('not JSON'), 415, 'invalid_request_error', 'unsupported_media_type', null],
    [new RequestTimeoutError('too slow'), 408, 'invalid_request_error', 'request_timeout', null],
    [
      new RequestHeaderFieldsTooLargeError('headers too large'),
      431,
      'invalid_request_error',
      'request_header_fields_too_large',
      null,
    ],
    [new RateLimitExceededError('slow down', 7), 429, 'rate_limit_exceeded', 'rate_limit_exceeded', null],
    [new ServiceUnavailableError('down'), 503, 'service_unavailable', 'service_unavailable', null],
    [new InternalError('broken'), 500, 'server_error', 'internal_error', null],
  ])('answers %p with %i in OpenAI shape', (err, status, type, code, param) => {
    expect(toOpenAiError(err, 'req-1')).toMatchObject({
      status,
      body: { error: { message: err.message, type, param, code }, message: err.message },
    });
  });

  it('carries Retry-After only where the error has one', () => {
    expect(toOpenAiError(new RateLimitExceededError('slow down', 7)).retryAfterSeconds).toBe(7);
    expect(toOpenAiError(new ServiceUnavailableError('down', undefined, 3)).retryAfterSeconds).toBe(3);
    expect(toOpenAiError(new ServiceUnavailableError('down')).retryAfterSeconds).toBeUndefined();
    expect(toOpenAiError(new InvalidRequestError('bad')).retryAfterSeconds).toBeUndefined();
  });

  it('answers an unknown error with a 500 naming only the request id', () => {
    const secret = new Error('connection to 10.0.0.5 refused');
    expect(toOpenAiError(secret, 'req-42')).toEqual({
      status: 500,
      body: {
        error: {
          message: 'Internal error (request req-42).',
          type: 'server_error',
          param: null,
          code: 'internal_error',
        },
        message: 'Internal error (request req-42).',
      },
    });
    expect(toOpenAiError('thrown text').body.message).toBe('Internal error.');
  });

  it('names each error by its class, and keeps the team a TeamNotFoundError is about', () => {
    const err = new TeamNotFoundError('t-9');
    expect(err).toBeInstanceOf(NotFoundError);
    expect({ name: err.name, teamId: err.teamId, message: err.message }).toEqual({
      name: 'TeamNotFoundError',
      teamId: 't-9',
      message: 'No team with id t-9.',
    });
  });
});
