import { Module } from '@nestjs/common';
import { UpstreamHealth } from '../upstream-health/upstream-health.service';
import { ChatCompletionsService } from './chat-completions.service';
import { ChatStreamRelay } from './chat-stream.relay';
import { UpstreamCaller } from './upstream-caller.service';
import { UsageRecorder } from './usage-recorder.service';

/** The chat pipeline's services; its route is served by the ingress (chat-completions.route.ts), not a controller. */
@Module({
  providers: [ChatCompletionsService, ChatStreamRelay, UpstreamCaller, UsageRecorder, UpstreamHealth],
})
export class ChatCompletionsModule {}
