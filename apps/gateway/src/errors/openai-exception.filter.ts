import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { answerWithError } from '@switchyard/observability';
import { requestContextOf } from '../http/request-context';

/** Nest's side of answerWithError: what a controller, guard or pipe throws. */
@Catch()
export class OpenAiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(err: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<Request>();
    answerWithError(err, requestContextOf(req)?.requestId, http.getResponse<Response>(), this.logger);
  }
}
