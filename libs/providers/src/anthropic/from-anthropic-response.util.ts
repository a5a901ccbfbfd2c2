import type { ChatCompletion, FinishReason, ThinkingBlock, ToolCall, WireUsage } from '@switchyard/contracts';
import type { AnthropicResponse, AnthropicStopReason, AnthropicUsage } from './anthropic-wire.types';

const FINISH_REASONS: Record<AnthropicStopReason, FinishReason> = {
  end_turn: 'stop',
  stop_sequence: 'stop',
  pause_turn: 'stop',
  max_tokens: 'length',
  tool_use: 'tool_calls',
  refusal: 'content_filter',
};

export function toFinishReason(reason: AnthropicStopReason | null | undefined): FinishReason {
  return (reason && FINISH_REASONS[reason]) || 'stop';
}

/**
 * Anthropic counts cached and cache-written input apart from `input_tokens`; OpenAI's
 * `prompt_tokens` includes them, and so does Switchyard's pricing (cached reads priced apart).
 */
export function toWireUsage(usage: AnthropicUsage): WireUsage {
  const cacheRead = usage.cache_read_input_tokens ?? 0;
  const cacheCreation = usage.cache_creation_input_tokens ?? 0;
  const prompt = usage.input_tokens + cacheRead + cacheCreation;
  return {
    prompt_tokens: prompt,
    completion_tokens: usage.output_tokens,
    total_tokens: prompt + usage.output_tokens,
    ...(cacheRead > 0 ? { cache_read_input_tokens: cacheRead } : {}),
    ...(cacheCreation > 0 ? { cache_creation_input_tokens: cacheCreation } : {}),
  };
}

export function isAnthropicResponse(value: unknown): value is AnthropicResponse {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<AnthropicResponse>;
  return (
    Array.isArray(candidate.content) &&
    typeof candidate.usage?.input_tokens === 'number' &&
    typeof candidate.usage.output_tokens === 'number'
  );
}

/** A Messages API answer as a chat.completion: text blocks joined, tool_use blocks as tool_calls, thinking kept. */
export function fromAnthropicResponse(
  response: AnthropicResponse,
  created = Math.floor(Date.now() / 1000),
): ChatCompletion {
  let text = '';
  const toolCalls: ToolCall[] = [];
  const thinking: ThinkingBlock[] = [];
  for (const block of response.content) {
    if (block.type === 'text' && 'text' in block) text += block.text;
    else if (block.type === 'thinking' || block.type === 'redacted_thinking') thinking.push(block as ThinkingBlock);
    else if (block.type === 'tool_use' && 'input' in block) {
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) },
      });
    }
  }
  const message: ChatCompletion['choices'][number]['message'] = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
    refusal: null,
  };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (thinking.length > 0) message.thinking = thinking;
  return {
    id: response.id,
    object: 'chat.completion',
    created,
    model: response.model,
    choices: [{ index: 0, message, finish_reason: toFinishReason(response.stop_reason), logprobs: null }],
    usage: toWireUsage(response.usage),
  };
}
