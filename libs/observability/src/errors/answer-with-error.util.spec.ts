import type { ServerResponse } from 'node:http';
import { BadRequestException, NotFoundException } from '@nestjs/common';
import { RateLimitExceededError, ServiceUnavailableError } from '@switchyard/contracts';
import { answerWithError } from './answer-with-error.util';

/** What an answer wrote, from a stand-in for node's ServerResponse (headers, status, writes). */
function fakeResponse(started?: { contentType: string }) {
  const headers = new Map<string, string | number>();
  if (started) headers.set('content-type', started.contentType);
  const writes: string[] = [];
  const res = {
    statusCode: 200,
    headersSent: started !== undefined,
    writableEnded: false,
    setHeader: (name: string, value: string | number) => headers.set(name.toLowerCase(), value),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    hasHeader: (name: string) => headers.has(name.toLowerCase()),
    write: (chunk: string) => writes.push(chunk),
    end: (chunk?: string) => {
      if (chunk !== undefined) writes.push(chunk);
      res.writableEnded = true;
    },
  };
  const answer = () => ({
    status: res.statusCode,
    headers: Object.fromEntries(headers),
    body: started ? writes.join('') : JSON.parse(writes.join('')),
    ended: res.writableEnded,
  });
  return { res: res as unknown as ServerResponse, answer };
}

function setup(err: unknown, started?: { contentType: string }) {
  const logger = { error: jest.fn(), log: jest.fn(), warn: jest.fn() };
  const { res, answer } = fakeResponse(started);
  answerWithError(err, 'req-1', res, logger);
  return { logger, answer: answer() };
}

const shape = (message: string, type: string, code: string, param: string | null = null) => ({
  error: { message, type, param, code },
  message,
});

describe(answerWithError.name, () => {
  it('answers a rate limit with 429, Retry-After and the request id', () => {
    const { answer, logger } = setup(new RateLimitExceededError('Rate limit reached.', 7));
    expect(answer).toEqual({
      status: 429,
      headers: {
        'retry-after': '7',
        'x-request-id': 'req-1',
        'content-type': 'application/json; charset=utf-8',
        'content-length': expect.any(Number),
      },
      body: shape('Rate limit reached.', 'rate_limit_exceeded', 'rate_limit_exceeded'),
      ended: true,
    });
    expect(logger.error).not.toHaveBeenCalled();
  });

  it("answers Nest's own exceptions through the same mapping (unknown route, validation pipe)", () => {
    expect(setup(new NotFoundException('Cannot GET /nowhere')).answer).toMatchObject({
      status: 404,
      body: shape('Not found.', 'invalid_request_error', 'not_found'),
    });
    expect(setup(new BadRequestException(['name must be a string', 'name is too long'])).answer).toMatchObject({
      status: 400,
      body: shape('name must be a string', 'invalid_request_error', 'invalid_request'),
    });
  });

  it('answers an unknown error with a 500 naming the request id, and logs its cause', () => {
    const { answer, logger } = setup(new Error('connection refused'));
    expect(answer).toMatchObject({
      status: 500,
      body: shape('Internal error (request req-1).', 'server_error', 'internal_error'),
    });
    expect(answer.headers['retry-after']).toBeUndefined();
    expect(logger.error).toHaveBeenCalledWith({
      requestId: 'req-1',
      code: 'internal_error',
      detail: expect.stringContaining('Error: connection refused'),
    });
  });

  it('logs the cause of a 503 and answers its Retry-After', () => {
    const { answer, logger } = setup(new ServiceUnavailableError('Try again shortly.', new Error('redis down'), 2));
    expect(answer).toMatchObject({ status: 503, headers: { 'retry-after': '2' } });
    expect(logger.error.mock.calls[0][0].detail).toContain('redis down');
  });

  it("keeps the x-request-id the request was given (the client's, when it sent a sane one)", () => {
    const logger = { error: jest.fn(), log: jest.fn(), warn: jest.fn() };
    const { res, answer } = fakeResponse();
    res.setHeader('x-request-id', 'client-id-7');
    answerWithError(new NotFoundException(), 'req-1', res, logger);
    expect(answer().headers['x-request-id']).toBe('client-id-7');
  });

  it('ends a started SSE stream with one error event, and any other started body as it is', () => {
    const sse = setup(new RateLimitExceededError('slow', 1), { contentType: 'text/event-stream; charset=utf-8' });
    expect(sse.answer).toMatchObject({ status: 200, ended: true });
    expect(sse.answer.body).toBe(
      `data: ${JSON.stringify({ error: shape('slow', 'rate_limit_exceeded', 'rate_limit_exceeded').error })}\n\n`,
    );
    const csv = setup(new Error('database gone'), { contentType: 'text/csv; charset=utf-8' });
    expect(csv.answer).toMatchObject({ status: 200, body: '', ended: true });
  });
});
