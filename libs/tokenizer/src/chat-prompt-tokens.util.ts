import type { ChatMessage, ContentPart, ToolDefinition } from '@switchyard/contracts';
import { countTextTokens } from './text-tokens.util';

/**
 * OpenAI's published counting convention for chat prompts
 * (openai-cookbook, "How to count tokens with tiktoken"): every message costs its fields'
 * tokens plus a fixed frame, a `name` one more token, and the reply is primed with 3 tokens.
 */
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_NAME = 1;
export const REPLY_PRIMING_TOKENS = 3;
/** Fixed estimate per image: the cost of a low-detail image; the pixels are never fetched. */
export const TOKENS_PER_IMAGE = 85;
/** The frame OpenAI adds around each tool call on an assistant message. */
export const TOKENS_PER_TOOL_CALL = 3;

function countContentTokens(content: string | ContentPart[] | null | undefined): number {
  if (content == null) return 0;
  if (typeof content === 'string') return countTextTokens(content);
  let total = 0;
  for (const part of content) {
    total += part.type === 'text' ? countTextTokens(part.text) : TOKENS_PER_IMAGE;
  }
  return total;
}

/** Each role name is one token in o200k_base; looked up rather than re-encoded per message. */
const ROLE_TOKENS: Readonly<Record<string, number>> = { system: 1, developer: 1, user: 1, assistant: 1, tool: 1 };

function countMessageTokens(message: ChatMessage): number {
  let total =
    TOKENS_PER_MESSAGE +
    (ROLE_TOKENS[message.role] ?? countTextTokens(message.role)) +
    countContentTokens(message.content);
  if (message.name) total += TOKENS_PER_NAME + countTextTokens(message.name);
  if (message.tool_call_id) total += countTextTokens(message.tool_call_id);
  for (const call of message.tool_calls ?? []) {
    total += TOKENS_PER_TOOL_CALL + countTextTokens(call.function.name) + countTextTokens(call.function.arguments);
  }
  return total;
}

/**
 * Prompt tokens of a chat request: the messages with OpenAI's per-message overhead, plus the
 * tool definitions as serialised JSON (an approximation of how providers inject them).
 */
export function countChatPromptTokens(messages: readonly ChatMessage[], tools?: readonly ToolDefinition[]): number {
  let total = REPLY_PRIMING_TOKENS;
  for (const message of messages) total += countMessageTokens(message);
  if (tools && tools.length > 0) total += countTextTokens(JSON.stringify(tools));
  return total;
}
