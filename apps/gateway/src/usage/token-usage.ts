import type { ChatCompletion, ChatCompletionChunk, TokenUsage, WireUsage } from '@switchyard/contracts';
import { countTextTokens } from '@switchyard/tokenizer';

/** The upstream's reported usage in our terms, or null when it reported none. */
export function tokenUsageOf(usage: WireUsage | null | undefined): TokenUsage | null {
  if (!usage) return null;
  return {
    promptTokens: usage.prompt_tokens,
    completionTokens: usage.completion_tokens,
    cachedReadTokens: usage.cache_read_input_tokens ?? usage.prompt_tokens_details?.cached_tokens ?? 0,
    cacheCreationTokens: usage.cache_creation_input_tokens ?? 0,
  };
}

/** Text the client received, for counting tokens when the upstream never reported usage. */
export function deliveredTextOf(
  choice: ChatCompletion['choices'][number]['message'] | ChatCompletionChunk['choices'][number]['delta'],
): string {
  let text = choice.content ?? '';
  for (const call of choice.tool_calls ?? []) text += (call.function?.name ?? '') + (call.function?.arguments ?? '');
  return text;
}

/** Usage counted by us: the planned prompt, and the completion as delivered. */
export function countedUsage(promptTokens: number, deliveredText: string): TokenUsage {
  return {
    promptTokens,
    completionTokens: countTextTokens(deliveredText),
    cachedReadTokens: 0,
    cacheCreationTokens: 0,
  };
}
