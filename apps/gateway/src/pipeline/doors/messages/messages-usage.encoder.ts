import { type FinishReason, formatCredits, type TokenUsage } from '@switchyard/contracts';
import type { PipelineContext } from '../../pipeline-context';

export type MessagesStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal';

const STOP_REASONS: Record<FinishReason, MessagesStopReason> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  content_filter: 'refusal',
};

export const stopReasonOf = (finish: FinishReason | null | undefined): MessagesStopReason =>
  STOP_REASONS[finish ?? 'stop'] ?? 'end_turn';

/** Our id for a request's message (the same in every event of its stream). */
export const messageIdOf = (ctx: PipelineContext): string => `msg_${ctx.http.requestId.replaceAll('-', '')}`;

/** Anthropic counts input without the cached and cache-written tokens; our prompt count includes them. */
export function inputTokensOf(usage: TokenUsage): number {
  return Math.max(0, usage.promptTokens - usage.cachedReadTokens - usage.cacheCreationTokens);
}

/** Usage as Anthropic spells it, plus what it costs in credits (as on the chat door). */
export function messagesUsageOf(usage: TokenUsage, costMicro: bigint) {
  return {
    input_tokens: inputTokensOf(usage),
    output_tokens: usage.completionTokens,
    cache_creation_input_tokens: usage.cacheCreationTokens,
    cache_read_input_tokens: usage.cachedReadTokens,
    credits: formatCredits(costMicro),
  };
}
