import { InsufficientCreditsError } from './insufficient-credits.error';
import { InvalidApiKeyError } from './invalid-api-key.error';
import { InvalidRequestError } from './invalid-request.error';
import { ModelNotFoundError } from './model-not-found.error';
import { PayloadTooLargeError } from './payload-too-large.error';
import { PermissionDeniedError } from './permission-denied.error';
import { RateLimitExceededError } from './rate-limit-exceeded.error';
import { ServiceUnavailableError } from './service-unavailable.error';
import type { SwitchyardError } from './switchyard.error';
import { toAnthropicError } from './to-anthropic-error';

describe(toAnthropicError.name, () => {
  it.each<[SwitchyardError, number, string]>([
    [new InvalidRequestError('Field required', 'max_tokens'), 400, 'invalid_request_error'],
    [new InvalidApiKeyError(), 401, 'authentication_error'],
    [new InsufficientCreditsError(), 402, 'billing_error'],
    [new PermissionDeniedError('not this model', 'model'), 403, 'permission_error'],
    [new ModelNotFoundError('nope'), 404, 'not_found_error'],
    [new PayloadTooLargeError('too big'), 413, 'request_too_large'],
    [new ServiceUnavailableError('billing is unreachable'), 529, 'overloaded_error'],
  ])('answers %p as %d %s in Anthropic shape', (err, status, type) => {
    expect(toAnthropicError(err, 'req-1')).toEqual({
      status,
      retryAfterSeconds: undefined,
      body: { type: 'error', error: { type, message: expect.any(String) }, request_id: 'req-1' },
    });
  });

  it('names the param in the message, and keeps Retry-After', () => {
    expect(toAnthropicError(new InvalidRequestError('Field required', 'max_tokens')).body.error.message).toBe(
      'max_tokens: Field required',
    );
    expect(toAnthropicError(new RateLimitExceededError('slow down', 7))).toMatchObject({
      status: 429,
      retryAfterSeconds: 7,
      body: { error: { type: 'rate_limit_error' } },
    });
  });

  it('reveals nothing of an unknown error but the request id', () => {
    expect(toAnthropicError(new Error('secret'), 'req-2')).toEqual({
      status: 500,
      body: {
        type: 'error',
        error: { type: 'api_error', message: 'Internal error (request req-2).' },
        request_id: 'req-2',
      },
    });
  });
});
