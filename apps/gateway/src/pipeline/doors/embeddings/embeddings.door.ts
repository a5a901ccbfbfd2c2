import { CreateEmbeddingDto } from '@switchyard/contracts';
import { answerWithError } from '@switchyard/observability';
import type { Door } from '../door';
import { embeddingsAnswerEncoder } from './embeddings-answer.encoder';

/**
 * OpenAI Embeddings. Its own validate, plan, call-upstream, record-usage and encode-answer stages
 * (stages/, `door: 'embeddings'`); decode, admit (the exact hold, TPM) and release-hold are every
 * door's. No streams.
 */
export const embeddingsDoor: Door = {
  api: 'embeddings',
  stages: ['decode', 'validate', 'plan', 'admit', 'call-upstream', 'record-usage', 'encode-answer'],
  onFailure: ['release-hold'],
  decode: (body) => body,
  answer: embeddingsAnswerEncoder,
  errors: { answer: answerWithError },
  docs: {
    summary: 'Create embeddings (floats, or base64 float32 with encoding_format: "base64")',
    requestBody: CreateEmbeddingDto,
    okDescription: 'A list of embedding objects in input order, with usage and its cost in credits',
    errorStatuses: ['400', '401', '402', '403', '404', '413', '415', '429', '502', '503', '504'],
  },
};
