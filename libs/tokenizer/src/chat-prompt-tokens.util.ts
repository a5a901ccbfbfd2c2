import type { ChatMessage, ContentPart, ToolDefinition } from '@switchyard/contracts';
import { countImageTokens } from './image-tokens.util';
import { countTextTokens } from './text-tokens.util';

/**
 * OpenAI's published counting convention for chat prompts
 * (openai-cookbook, "How to count tokens with tiktoken"): every message costs its fields'
 * tokens plus a fixed frame, a `name` one more token, and the reply is primed with 3 tokens.
 */
export const TOKENS_PER_MESSAGE = 3;
export const TOKENS_PER_NAME = 1;
export const REPLY_PRIMING_TOKENS = 3;
/** The frame OpenAI adds around each tool call on an assistant message. */
export const TOKENS_PER_TOOL_CALL = 3;

function countContentTokens(content: string | ContentPart[] | null | undefined, stopAbove: number): number {
  if (content == null) return 0;
  if (typeof content === 'string') return countTextTokens(content, stopAbove);
  let total = 0;
  for (const part of content) {
    total += part.type === 'text' ? countTextTokens(part.text, stopAbove - total) : countImageTokens(part.image_url);
    if (total > stopAbove) break;
  }
  return total;
}

/** Each role name is one token in o200k_base; looked up rather than re-encoded per message. */
const ROLE_TOKENS: Readonly<Record<string, number>> = { system: 1, developer: 1, user: 1, assistant: 1, tool: 1 };

function countMessageTokens(message: ChatMessage, stopAbove: number): number {
  let total = TOKENS_PER_MESSAGE + (ROLE_TOKENS[message.role] ?? countTextTokens(message.role));
  total += countContentTokens(message.content, stopAbove - total);
  if (message.name) total += TOKENS_PER_NAME + countTextTokens(message.name, stopAbove - total);
  if (message.tool_call_id) total += countTextTokens(message.tool_call_id, stopAbove - total);
  for (const call of message.tool_calls ?? []) {
    if (total > stopAbove) break;
    total += TOKENS_PER_TOOL_CALL + countTextTokens(call.function.name, stopAbove - total);
    total += countTextTokens(call.function.arguments, stopAbove - total);
  }
  return total;
}

/**
 * Prompt tokens of a chat request: the messages with OpenAI's per-message overhead, plus the
 * tool definitions as serialised JSON (an approximation of how providers inject them). Never
 * below the exact count (see countTextTokens and countImageTokens), in time linear in the
 * request. Counting stops once the total passes `stopAbove` (a prompt that long is refused
 * anyway): the result is then above `stopAbove`, and may be below the full count.
 */
export function countChatPromptTokens(
  messages: readonly ChatMessage[],
  tools?: readonly ToolDefinition[],
  stopAbove = Number.POSITIVE_INFINITY,
): number {
  let total = REPLY_PRIMING_TOKENS;
  for (const message of messages) {
    total += countMessageTokens(message, stopAbove - total);
    if (total > stopAbove) return total;
  }
  if (tools && tools.length > 0) total += countTextTokens(JSON.stringify(tools), stopAbove - total);
  return total;
}
