import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { answerAdminError } from './answer-admin-error';

/** Admin API errors in the same OpenAI shape as the gateway's (toOpenAiError). */
@Catch()
export class AdminExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('AdminErrors');

  catch(err: unknown, host: ArgumentsHost): void {
    answerAdminError(err, host.switchToHttp().getResponse<Response>(), this.logger);
  }
}
