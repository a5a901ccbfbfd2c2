import { InvalidRequestError } from '../errors/invalid-request.error';
import type { EmbeddingModel } from '../routing/catalog.types';
import { checkEmbeddingLimits } from './check-embedding-limits.util';
import type { ValidatedEmbeddingsRequest } from './embeddings-wire.types';

const model: EmbeddingModel = {
  kind: 'embedding',
  alias: 'embed',
  provider: 'simulated',
  upstreamModel: 'embed',
  tier: 'core',
  dimensions: 64,
  acceptsDimensions: true,
  maxInputs: 3,
  maxInputTokens: 10,
  maxTotalTokens: 25,
};
const request = (extra: Partial<ValidatedEmbeddingsRequest> = {}): ValidatedEmbeddingsRequest => ({
  model: 'embed',
  input: { kind: 'text', texts: ['a'] },
  encodingFormat: 'float',
  ...extra,
});

function refusal(run: () => void): { message: string; param: string | undefined } {
  try {
    run();
  } catch (err) {
    if (err instanceof InvalidRequestError) return { message: err.message, param: err.param };
    throw err;
  }
  throw new Error('expected an InvalidRequestError');
}

describe(checkEmbeddingLimits.name, () => {
  it('accepts a batch at every limit', () => {
    expect(() => checkEmbeddingLimits(request({ dimensions: 64 }), model, [10, 10, 5])).not.toThrow();
  });

  it.each([
    [
      'dimensions on a fixed-size model',
      () => checkEmbeddingLimits(request({ dimensions: 8 }), { ...model, acceptsDimensions: false }, [1]),
      { param: 'dimensions', message: 'embed has a fixed size of 64 dimensions; dimensions is not supported.' },
    ],
    [
      'dimensions past the native size',
      () => checkEmbeddingLimits(request({ dimensions: 65 }), model, [1]),
      { param: 'dimensions', message: 'dimensions must be at most 64 (the native size of embed).' },
    ],
    [
      'too many inputs',
      () => checkEmbeddingLimits(request(), model, [1, 1, 1, 1]),
      { param: 'input', message: 'embed takes at most 3 inputs per request (max_inputs), got 4.' },
    ],
    [
      'an input over its token limit',
      () => checkEmbeddingLimits(request(), model, [1, 11]),
      {
        param: 'input[1]',
        message: 'input[1] has more than 10 tokens, the most embed takes per input (max_input_tokens).',
      },
    ],
    [
      'a batch over the total',
      () => checkEmbeddingLimits(request(), model, [10, 10, 6]),
      {
        param: 'input',
        message: 'The inputs have more than 25 tokens, the most embed takes per request (max_total_tokens).',
      },
    ],
  ])('refuses %s, naming the limit', (_case, run, expected) => {
    expect(refusal(run)).toEqual(expected);
  });
});
