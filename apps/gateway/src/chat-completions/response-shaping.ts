import type { ServerResponse } from 'node:http';
import type { ChatCompletion, ChatCompletionChunk, TokenUsage, WireUsage } from '@switchyard/contracts';
import { formatCredits } from '@switchyard/contracts';
import { countTextTokens } from '@switchyard/tokenizer';
import type { RequestContext } from '../http/request-context';
import type { Candidate } from './chat-plan';

export function completionIdOf(ctx: RequestContext): string {
  return `chatcmpl-${ctx.requestId.replaceAll('-', '')}`;
}

/** The route taken: the model (and provider) that answered, and any that failed before it. */
export function setRouteHeaders(
  res: ServerResponse,
  served: Candidate & { failedOver?: readonly string[] },
  overheadMs: number,
): void {
  res.setHeader('x-switchyard-model', served.model.alias);
  res.setHeader('x-switchyard-provider', served.model.provider);
  res.setHeader('x-switchyard-tier', served.model.tier);
  if (served.failedOver && served.failedOver.length > 0)
    res.setHeader('x-switchyard-fallback-from', served.failedOver.join(','));
  res.setHeader('x-switchyard-overhead-ms', overheadMs.toFixed(3));
}

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

/** Text the client received, for counting tokens when the upstream never reported usage. */
export function deliveredTextOf(
  choice: ChatCompletion['choices'][number]['message'] | ChatCompletionChunk['choices'][number]['delta'],
): string {
  let text = choice.content ?? '';
  for (const call of choice.tool_calls ?? []) text += (call.function?.name ?? '') + (call.function?.arguments ?? '');
  return text;
}

export function countedUsage(promptTokens: number, deliveredText: string): TokenUsage {
  return {
    promptTokens,
    completionTokens: countTextTokens(deliveredText),
    cachedReadTokens: 0,
    cacheCreationTokens: 0,
  };
}

/** Our answer: the alias that served it as `model`, our id, and usage with its cost in credits. */
export function shapeCompletion(
  ctx: RequestContext,
  served: Candidate,
  upstream: ChatCompletion,
  usage: WireUsage,
): ChatCompletion {
  return {
    id: completionIdOf(ctx),
    object: 'chat.completion',
    created: upstream.created ?? Math.floor(Date.now() / 1000),
    model: served.model.alias,
    choices: upstream.choices,
    usage,
    ...(upstream.system_fingerprint ? { system_fingerprint: upstream.system_fingerprint } : {}),
  };
}
