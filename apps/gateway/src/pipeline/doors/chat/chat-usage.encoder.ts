import { formatCredits, type TokenUsage, type WireUsage } from '@switchyard/contracts';

/** Usage as OpenAI spells it, plus what it costs in credits (like OpenRouter's usage.cost). */
export function wireUsageOf(usage: TokenUsage, costMicro: bigint): WireUsage {
  return {
    prompt_tokens: usage.promptTokens,
    completion_tokens: usage.completionTokens,
    total_tokens: usage.promptTokens + usage.completionTokens,
    ...(usage.cachedReadTokens ? { cache_read_input_tokens: usage.cachedReadTokens } : {}),
    ...(usage.cacheCreationTokens ? { cache_creation_input_tokens: usage.cacheCreationTokens } : {}),
    credits: formatCredits(costMicro),
  };
}
