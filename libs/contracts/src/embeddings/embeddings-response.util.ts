import { formatCredits } from '../money/credits';
import { base64Vector, floatVector } from './embedding-vector-encoding.util';
import type { EmbeddingEncodingFormat, EmbeddingsResponse } from './embeddings-wire.types';

export interface EmbeddingsAnswer {
  /** The alias the client named (never the upstream's model id). */
  model: string;
  vectors: readonly number[][];
  encodingFormat: EmbeddingEncodingFormat;
  promptTokens: number;
  costMicro: bigint;
}

/** The client's answer in OpenAI's shape, vectors in input order, usage with its cost in credits. */
export function embeddingsResponse(answer: EmbeddingsAnswer): EmbeddingsResponse {
  const encode = answer.encodingFormat === 'base64' ? base64Vector : floatVector;
  return {
    object: 'list',
    data: answer.vectors.map((vector, index) => ({ object: 'embedding', index, embedding: encode(vector) })),
    model: answer.model,
    usage: {
      prompt_tokens: answer.promptTokens,
      total_tokens: answer.promptTokens,
      credits: formatCredits(answer.costMicro),
    },
  };
}
