import { embeddingsResponse, type EmbeddingsResponse } from '@switchyard/contracts';
import type { AnswerEncoder } from '../door';
import { type PipelineContext, required } from '../../pipeline-context';

/** The vectors in OpenAI's list shape, under the alias the client named, with usage and credits. */
export const embeddingsAnswerEncoder: AnswerEncoder = {
  encode(ctx: PipelineContext): EmbeddingsResponse {
    const work = required(ctx.embeddings, 'embeddings');
    const plan = required(work.plan, 'embeddings plan');
    return embeddingsResponse({
      model: plan.model.alias,
      vectors: required(work.vectors, 'vectors'),
      encodingFormat: work.request.encodingFormat,
      promptTokens: plan.promptTokens,
      costMicro: required(ctx.costMicro, 'costMicro') ?? plan.holdMicro,
    });
  },
};
