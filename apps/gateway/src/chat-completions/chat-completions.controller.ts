import { Controller, HttpCode, Inject, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { AuthenticatedKey } from '@switchyard/keys';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { CurrentKey } from '../auth/current-key.decorator';
import { requestContextOf } from '../http/request-context';
import { ChatCompletionsService } from './chat-completions.service';

@Controller('v1/chat/completions')
@UseGuards(ApiKeyGuard)
export class ChatCompletionsController {
  constructor(@Inject(ChatCompletionsService) private readonly chat: ChatCompletionsService) {}

  /**
   * Requests the chat lane (chat-completions.lane.ts) hands on: compressed or non-UTF-8 bodies,
   * CORS calls. The service validates the body and owns the response: JSON or SSE.
   */
  @Post()
  @HttpCode(200)
  create(@Req() req: Request, @Res() res: Response, @CurrentKey() key: AuthenticatedKey): Promise<void> {
    const ctx = requestContextOf(req);
    if (!ctx) throw new Error('request context middleware did not run');
    return this.chat.handle(req.body, ctx, res, key);
  }
}
