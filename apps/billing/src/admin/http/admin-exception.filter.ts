import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { toOpenAiError } from '@switchyard/contracts';
import { fromHttpException } from '@switchyard/observability';

/** Admin API errors in the same OpenAI shape as the gateway's (toOpenAiError). */
@Catch()
export class AdminExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('AdminErrors');

  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    const mapped = toOpenAiError(err instanceof HttpException ? fromHttpException(err) : err);
    if (mapped.status >= 500)
      this.logger.error(err instanceof Error ? `${err.message}\n${err.stack ?? ''}` : String(err));
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(mapped.status).json(mapped.body);
  }
}
