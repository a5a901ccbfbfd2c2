import { toOpenAiError } from '@switchyard/contracts';
import type { StreamEncoder } from '../door';
import { required } from '../../pipeline-context';
import { completionIdOf } from './chat-answer.encoder';
import { wireUsageOf } from './chat-usage.encoder';

const event = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;

/**
 * chat.completion.chunk events with our id and the serving alias; the upstream's usage is
 * dropped from them, and sent (with its cost) in a chunk of its own when the client asked
 * (stream_options.include_usage); then `data: [DONE]`.
 */
export const chatStreamEncoder: StreamEncoder = {
  chunk(ctx, chunk) {
    if (chunk.choices.length === 0) return null;
    const { usage: _usage, ...rest } = chunk;
    return event({ ...rest, id: completionIdOf(ctx), model: required(ctx.served, 'served').model.alias });
  },

  end(ctx) {
    const costMicro = ctx.costMicro ?? null;
    if (!required(ctx.request, 'request').body.stream_options?.include_usage || costMicro === null)
      return 'data: [DONE]\n\n';
    const tail = {
      id: completionIdOf(ctx),
      object: 'chat.completion.chunk',
      created: Math.floor(Date.now() / 1000),
      model: required(ctx.served, 'served').model.alias,
      choices: [],
      usage: wireUsageOf(required(ctx.usage, 'usage'), costMicro),
    };
    return `${event(tail)}data: [DONE]\n\n`;
  },

  error(ctx, err) {
    return event({ error: toOpenAiError(err, ctx.http.requestId).body.error });
  },
};
