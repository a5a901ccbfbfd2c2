import { toOpenAiError } from '@switchyard/contracts';
import { spliceChunkJson } from '@switchyard/providers';
import type { PipelineContext } from '../../pipeline-context';
import type { StreamEncoder } from '../door';
import { required } from '../../pipeline-context';
import { completionIdOf } from './chat-answer.encoder';
import { wireUsageOf } from './chat-usage.encoder';

const event = (data: unknown) => `data: ${JSON.stringify(data)}\n\n`;

/** Our id and the alias as JSON text, once per stream rather than once per event. */
const splices = new WeakMap<PipelineContext, { id: string; model: string }>();
function spliceOf(ctx: PipelineContext): { id: string; model: string } {
  let splice = splices.get(ctx);
  if (!splice) {
    const model = required(ctx.served, 'served').model.alias;
    splice = { id: JSON.stringify(completionIdOf(ctx)), model: JSON.stringify(model) };
    splices.set(ctx, splice);
  }
  return splice;
}

/**
 * chat.completion.chunk events with our id and the serving alias; the upstream's usage is
 * dropped from them, and sent (with its cost) in a chunk of its own when the client asked
 * (stream_options.include_usage); then `data: [DONE]`. A chunk an OpenAI-style upstream sent
 * is relayed as its own text with the id and model spliced in and its (null) usage cut.
 */
export const chatStreamEncoder: StreamEncoder = {
  chunk(ctx, chunk) {
    if (chunk.choices.length === 0) return null;
    const splice = spliceOf(ctx);
    const json = spliceChunkJson(chunk, splice.id, splice.model);
    if (json !== null) return `data: ${json}\n\n`;
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
