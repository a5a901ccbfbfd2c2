import { Module } from '@nestjs/common';
import { UpstreamHealth } from '../upstream-health/upstream-health.service';
import { ChatCompletionsController } from './chat-completions.controller';
import { ChatCompletionsService } from './chat-completions.service';
import { ChatStreamRelay } from './chat-stream.relay';
import { UpstreamCaller } from './upstream-caller.service';
import { UsageRecorder } from './usage-recorder.service';

@Module({
  controllers: [ChatCompletionsController],
  providers: [ChatCompletionsService, ChatStreamRelay, UpstreamCaller, UsageRecorder, UpstreamHealth],
})
export class ChatCompletionsModule {}
