import { CreateMessageDto } from '@switchyard/contracts';
import type { Door } from '../door';
import { messagesErrorsEncoder } from './messages-errors.encoder';
import { decodeMessagesRequest } from './messages-request.decoder';
import { MESSAGES_ERROR_STATUSES } from './messages.door';

/**
 * POST /v1/messages/count_tokens: the prompt of a Messages API request counted by the gateway's
 * tokenizer on the model it would be routed to (plan), as `{input_tokens}`. No hold, no upstream
 * call, nothing billed; the same key check and validation as /v1/messages.
 */
export const countTokensDoor: Door = {
  api: 'messages_count_tokens',
  stages: ['decode', 'validate', 'plan', 'encode-answer'],
  onFailure: [],
  decode(body) {
    const chat = decodeMessagesRequest(body, { maxTokensRequired: false }) as Record<string, unknown>;
    delete chat.stream;
    return chat;
  },
  answer: { encode: (ctx) => ({ input_tokens: ctx.plan?.candidates[0]?.promptTokens ?? 0 }) },
  errors: messagesErrorsEncoder,
  docs: {
    summary: 'Count the input tokens of a message request (Anthropic Messages API); nothing is billed',
    requestBody: CreateMessageDto,
    okDescription: '{input_tokens}',
    errorStatuses: MESSAGES_ERROR_STATUSES.filter((status) => status !== '402' && status !== '502'),
  },
};
