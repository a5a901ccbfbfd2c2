import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, MaxLength, Min } from 'class-validator';
import { ValidateByProblem } from '../chat/dto/validators/problem-validator.util';
import type { EmbeddingEncodingFormat } from './embeddings-wire.types';
import { MAX_USER_CHARS, parseEmbeddingInput } from './validate-embeddings-request';

/** `input` checked by the very function validateEmbeddingsRequest uses. */
function IsEmbeddingInput() {
  return ValidateByProblem('isEmbeddingInput', (value) => {
    try {
      parseEmbeddingInput(value);
      return undefined;
    } catch (err) {
      return (err as Error).message;
    }
  });
}

/**
 * The body of POST /v1/embeddings, for the OpenAPI docs (dtoSchemas). Requests are validated by
 * validateEmbeddingsRequest (a plain loop over up to 2,048 inputs); a spec keeps the two agreeing.
 * `input`: a string, an array of strings, an array of token ids, or an array of token-id arrays.
 */
export class CreateEmbeddingDto {
  @IsString()
  @IsNotEmpty()
  model!: string;

  @IsEmbeddingInput()
  input!: string | string[] | number[] | number[][];

  @IsOptional()
  @IsIn(['float', 'base64'])
  encoding_format?: EmbeddingEncodingFormat;

  @IsOptional()
  @IsInt()
  @Min(1)
  dimensions?: number;

  @IsOptional()
  @IsString()
  @MaxLength(MAX_USER_CHARS)
  user?: string;
}
