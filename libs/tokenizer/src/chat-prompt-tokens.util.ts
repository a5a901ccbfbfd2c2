import { setImmediate as nextTurn } from 'node:timers/promises';
import type { ChatMessage, ImageTokenRule, ToolDefinition } from '@switchyard/contracts';
import { ChatPromptCounter, type ChatPromptCount } from './chat-prompt-counter.util';
import { GPT_4O_IMAGE_TOKENS, imageTokens } from './image-tokens.util';
import { TimeSlice } from './time-slice.util';

export {
  type ChatPromptCount,
  REPLY_PRIMING_TOKENS,
  TOKENS_PER_MESSAGE,
  TOKENS_PER_NAME,
  TOKENS_PER_TOOL_CALL,
} from './chat-prompt-counter.util';

/**
 * CPU time a prompt is counted for before the event loop gets a turn. A prompt counted within
 * one slice (about 80 KB of ordinary text, 700 characters of unique CJK words) never waits for
 * a turn: counting it is cheaper than scheduling it. One pre-token may run past the slice (at
 * most 1,024 bytes of BPE, about a millisecond), so no slice blocks the loop much over 3 ms.
 */
export const COUNT_SLICE_MS = 2;

/** Prompt tokens of a counted prompt on a model that prices images by `rule`. */
export function promptTokensFor(count: ChatPromptCount, rule: ImageTokenRule): number {
  let total = count.textTokens;
  for (const image of count.images) total += imageTokens(image, rule);
  return total;
}

/**
 * Prompt tokens of a chat request, in one go: the messages with OpenAI's per-message overhead,
 * the tool definitions as serialised JSON, and the images priced by `imageRule`. Never below
 * the exact count (see countTextTokens and imageTokens), in time linear in the request. Text
 * counting stops once it passes `stopAbove` (a prompt that long is refused anyway): the result
 * is then above `stopAbove`, and may be below the full count.
 */
export function countChatPromptTokens(
  messages: readonly ChatMessage[],
  tools?: readonly ToolDefinition[],
  stopAbove = Number.POSITIVE_INFINITY,
  imageRule: ImageTokenRule = GPT_4O_IMAGE_TOKENS,
): number {
  const counter = new ChatPromptCounter(messages, tools, stopAbove);
  counter.advance();
  return promptTokensFor(counter.count, imageRule);
}

export interface CountOptions {
  /** Text counting stops once it passes this (see ChatPromptCount.textTokens). */
  stopAbove?: number;
  /** Counting ends with the signal's reason when it aborts (the client went away). */
  signal?: AbortSignal;
}

/**
 * A chat prompt counted as countChatPromptTokens counts it, in slices of COUNT_SLICE_MS with a
 * turn of the event loop between them, so a prompt of megabytes holds up no other request for
 * long. A prompt counted within the first slice is counted synchronously. Images are priced
 * afterwards, per model (promptTokensFor).
 */
export async function countChatPrompt(
  messages: readonly ChatMessage[],
  tools: readonly ToolDefinition[] | undefined,
  { stopAbove = Number.POSITIVE_INFINITY, signal }: CountOptions = {},
): Promise<ChatPromptCount> {
  const counter = new ChatPromptCounter(messages, tools, stopAbove);
  while (!counter.advance(TimeSlice.lasting(COUNT_SLICE_MS))) {
    await nextTurn();
    signal?.throwIfAborted();
  }
  return counter.count;
}
