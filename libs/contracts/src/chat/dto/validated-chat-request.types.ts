import type { TaskType } from '../../routing/task-types';
import type { ChatRequestBody } from '../chat-wire.types';

/**
 * The request body after validation: only known fields, `null`s removed, defaults applied
 * (`max_tokens` 4096 or `max_completion_tokens`, `temperature` 0.7, `stream` false). The gateway
 * sets `model` to the upstream id and caps `max_tokens` by the model.
 */
export type ValidatedChatBody = Omit<ChatRequestBody, 'model'> &
  Required<Pick<ChatRequestBody, 'max_tokens' | 'temperature' | 'stream'>>;

/** The parameters a client may set the completion budget with (`max_completion_tokens` wins). */
export type MaxTokensParam = 'max_tokens' | 'max_completion_tokens';

/** Exactly one of `model` and `task_type` is set. */
export interface ValidatedChatRequest {
  model?: string;
  task_type?: TaskType;
  body: ValidatedChatBody;
  /** The parameter `body.max_tokens` came from; absent when it is the default, which the gateway may lower. */
  maxTokensParam?: MaxTokensParam;
}
