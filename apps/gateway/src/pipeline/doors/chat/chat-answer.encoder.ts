import type { ChatCompletion } from '@switchyard/contracts';
import type { AnswerEncoder } from '../door';
import { type PipelineContext, required } from '../../pipeline-context';
import { wireUsageOf } from './chat-usage.encoder';

/** Our id for a request's completion (and every chunk of it). */
export function completionIdOf(ctx: PipelineContext): string {
  return `chatcmpl-${ctx.http.requestId.replaceAll('-', '')}`;
}

/** Our answer: the alias that served it as `model`, our id, and usage with its cost in credits. */
export const chatAnswerEncoder: AnswerEncoder = {
  encode(ctx): ChatCompletion {
    const upstream = required(ctx.completion, 'completion');
    return {
      id: completionIdOf(ctx),
      object: 'chat.completion',
      created: upstream.created ?? Math.floor(Date.now() / 1000),
      model: required(ctx.served, 'served').model.alias,
      choices: upstream.choices,
      usage: wireUsageOf(required(ctx.usage, 'usage'), required(ctx.costMicro, 'costMicro') ?? 0n),
      ...(upstream.system_fingerprint ? { system_fingerprint: upstream.system_fingerprint } : {}),
    };
  },
};
