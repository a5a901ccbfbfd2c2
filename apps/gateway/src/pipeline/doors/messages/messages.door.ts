import { CreateMessageDto } from '@switchyard/contracts';
import { COMPLETION_FAILURE_STAGES, COMPLETION_STAGES, type Door } from '../door';
import { messagesAnswerEncoder } from './messages-answer.encoder';
import { messagesErrorsEncoder } from './messages-errors.encoder';
import { decodeMessagesRequest } from './messages-request.decoder';
import { messagesStreamEncoder } from './messages-stream.encoder';

/** Anthropic's documented error statuses, and ours (402 billing, 502 upstream). */
export const MESSAGES_ERROR_STATUSES = ['400', '401', '402', '403', '404', '413', '415', '429', '502', '504', '529'];

/**
 * Anthropic's Messages API on the completion pipeline: decoded into the internal Chat Completions
 * request (every model in the catalog can serve it), encoded back as a `message` or its typed event
 * stream. A Claude model on an Anthropic upstream receives the client's own request (passthrough:
 * cache_control, thinking blocks, top_k, server tools, anthropic-beta) instead of the translation.
 */
export const messagesDoor: Door = {
  api: 'messages',
  stages: COMPLETION_STAGES,
  onFailure: COMPLETION_FAILURE_STAGES,
  decode: (body) => decodeMessagesRequest(body),
  answer: messagesAnswerEncoder,
  stream: messagesStreamEncoder,
  errors: messagesErrorsEncoder,
  docs: {
    summary: 'Create a message (Anthropic Messages API; JSON, or SSE with stream: true)',
    requestBody: CreateMessageDto,
    okDescription: 'A message object, or an SSE stream of message_start … message_stop events',
    errorStatuses: MESSAGES_ERROR_STATUSES,
  },
  anthropicPassthrough(ctx) {
    const beta = ctx.res.req.headers['anthropic-beta'];
    const body = ctx.wireBody as Record<string, unknown>;
    return beta === undefined ? { body } : { body, beta: Array.isArray(beta) ? beta.join(',') : beta };
  },
};
