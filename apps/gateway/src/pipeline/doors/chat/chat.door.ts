import { CreateChatCompletionDto } from '@switchyard/contracts';
import { COMPLETION_FAILURE_STAGES, COMPLETION_STAGES, type Door } from '../door';
import { chatAnswerEncoder } from './chat-answer.encoder';
import { chatErrorsEncoder } from './chat-errors.encoder';
import { chatStreamEncoder } from './chat-stream.encoder';

/**
 * OpenAI Chat Completions, the first door. Its wire shape is the pipeline's internal one, so its
 * decoder passes the body on as it came (validate checks it); its encoders give our id, the
 * serving alias and usage with credits.
 */
export const chatDoor: Door = {
  api: 'chat',
  stages: COMPLETION_STAGES,
  onFailure: COMPLETION_FAILURE_STAGES,
  decode: (body) => body,
  answer: chatAnswerEncoder,
  stream: chatStreamEncoder,
  errors: chatErrorsEncoder,
  docs: {
    summary: 'Create a chat completion (JSON, or SSE with stream: true)',
    requestBody: CreateChatCompletionDto,
    okDescription: 'A chat.completion object, or an SSE stream of chat.completion.chunk events',
    errorStatuses: ['400', '401', '402', '403', '404', '413', '415', '429', '502', '503', '504'],
  },
};
