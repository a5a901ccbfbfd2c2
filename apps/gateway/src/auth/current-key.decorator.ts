import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { authenticatedKeyOf } from './api-key.guard';

/** The API key ApiKeyGuard authenticated for this request. */
export const CurrentKey = createParamDecorator((_data: unknown, ctx: ExecutionContext) =>
  authenticatedKeyOf(ctx.switchToHttp().getRequest<Request>()),
);
