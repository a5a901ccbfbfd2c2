import { InvalidRequestError } from '../errors/invalid-request.error';
import type { EmbeddingEncodingFormat, EmbeddingInput, ValidatedEmbeddingsRequest } from './embeddings-wire.types';

/** Token ids of o200k_base, the tokenizer Switchyard counts with: 0 to 200,018. */
export const MAX_TOKEN_ID = 200_018;
const ENCODING_FORMATS: readonly EmbeddingEncodingFormat[] = ['float', 'base64'];
export const MAX_USER_CHARS = 256;

type Fields = Record<string, unknown>;

/**
 * Validates the parsed JSON body of POST /v1/embeddings (the shape only; the model's limits are
 * checkEmbeddingLimits' job, once the alias is resolved). Throws InvalidRequestError naming the
 * field (`input[3]`) and nothing else, for any input. Hand-written rather than class-validator
 * DTOs: a batch is up to 2,048 inputs or 300,000 token ids, each checked once in a plain loop.
 */
export function validateEmbeddingsRequest(body: unknown): ValidatedEmbeddingsRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidRequestError('The request body must be a JSON object.');
  }
  const fields = body as Fields;
  if (typeof fields.model !== 'string' || fields.model.length === 0) {
    throw new InvalidRequestError('model must be a non-empty string naming an embedding model.', 'model');
  }
  const encodingFormat = fields.encoding_format ?? 'float';
  if (!ENCODING_FORMATS.includes(encodingFormat as EmbeddingEncodingFormat)) {
    throw new InvalidRequestError('encoding_format must be one of float, base64.', 'encoding_format');
  }
  const dimensions = fields.dimensions;
  if (dimensions !== undefined && (!Number.isSafeInteger(dimensions) || (dimensions as number) < 1)) {
    throw new InvalidRequestError('dimensions must be a whole number ≥ 1.', 'dimensions');
  }
  const user = fields.user;
  if (user !== undefined && (typeof user !== 'string' || user.length > MAX_USER_CHARS)) {
    throw new InvalidRequestError(`user must be a string of at most ${MAX_USER_CHARS} characters.`, 'user');
  }
  return {
    model: fields.model,
    input: parseEmbeddingInput(fields.input),
    encodingFormat: encodingFormat as EmbeddingEncodingFormat,
    ...(dimensions !== undefined ? { dimensions: dimensions as number } : {}),
    ...(user !== undefined ? { user: user as string } : {}),
  };
}

const INPUT_SHAPE =
  'input must be a string, an array of strings, an array of token ids or an array of token-id arrays.';

/** `input` in its four shapes, normalised; throws InvalidRequestError naming the element at fault. */
export function parseEmbeddingInput(input: unknown): EmbeddingInput {
  if (typeof input === 'string') return { kind: 'text', texts: [nonEmptyText(input, 'input')] };
  if (!Array.isArray(input)) throw new InvalidRequestError(INPUT_SHAPE, 'input');
  if (input.length === 0) throw new InvalidRequestError('input must not be empty.', 'input');
  const first: unknown = input[0];
  if (typeof first === 'string') {
    return { kind: 'text', texts: input.map((item, index) => nonEmptyText(item, `input[${index}]`)) };
  }
  if (typeof first === 'number') return { kind: 'tokens', tokens: [tokenIds(input, 'input')] };
  if (Array.isArray(first)) {
    return { kind: 'tokens', tokens: input.map((item, index) => tokenIds(item, `input[${index}]`)) };
  }
  throw new InvalidRequestError(INPUT_SHAPE, 'input[0]');
}

function nonEmptyText(value: unknown, param: string): string {
  if (typeof value !== 'string') throw new InvalidRequestError(`${param} must be a string, like input[0].`, param);
  if (value.length === 0) throw new InvalidRequestError(`${param} must not be an empty string.`, param);
  return value;
}

function tokenIds(value: unknown, param: string): number[] {
  if (!Array.isArray(value)) throw new InvalidRequestError(`${param} must be an array of token ids.`, param);
  if (value.length === 0) throw new InvalidRequestError(`${param} must not be an empty array.`, param);
  for (let index = 0; index < value.length; index++) {
    const id: unknown = value[index];
    if (!Number.isInteger(id) || (id as number) < 0 || (id as number) > MAX_TOKEN_ID) {
      throw new InvalidRequestError(
        `${param}[${index}] must be a token id from 0 to ${MAX_TOKEN_ID}, got ${JSON.stringify(id) ?? 'nothing'}.`,
        `${param}[${index}]`,
      );
    }
  }
  return value as number[];
}
