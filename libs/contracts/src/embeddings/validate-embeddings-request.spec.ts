import { InvalidRequestError } from '../errors/invalid-request.error';
import { MAX_TOKEN_ID, validateEmbeddingsRequest } from './validate-embeddings-request';

function refusal(body: unknown): { message: string; param: string | undefined } {
  try {
    validateEmbeddingsRequest(body);
  } catch (err) {
    if (err instanceof InvalidRequestError) return { message: err.message, param: err.param };
    throw err;
  }
  throw new Error('expected an InvalidRequestError');
}

describe(validateEmbeddingsRequest.name, () => {
  it.each([
    ['a string', 'hello', { kind: 'text', texts: ['hello'] }],
    ['an array of strings', ['a', 'b'], { kind: 'text', texts: ['a', 'b'] }],
    ['an array of token ids', [1, 2, 3], { kind: 'tokens', tokens: [[1, 2, 3]] }],
    ['an array of token-id arrays', [[1], [0, MAX_TOKEN_ID]], { kind: 'tokens', tokens: [[1], [0, MAX_TOKEN_ID]] }],
  ])('normalises input given as %s', (_case, input, expected) => {
    expect(validateEmbeddingsRequest({ model: 'm', input })).toEqual({
      model: 'm',
      input: expected,
      encodingFormat: 'float',
    });
  });

  it('keeps encoding_format, dimensions and user, and drops fields it does not know', () => {
    expect(
      validateEmbeddingsRequest({
        model: 'm',
        input: 'x',
        encoding_format: 'base64',
        dimensions: 8,
        user: 'u-1',
        x: 1,
      }),
    ).toEqual({
      model: 'm',
      input: { kind: 'text', texts: ['x'] },
      encodingFormat: 'base64',
      dimensions: 8,
      user: 'u-1',
    });
  });

  it.each([
    ['a body that is not an object', [], undefined, 'The request body must be a JSON object.'],
    ['no model', { input: 'x' }, 'model', 'model must be a non-empty string naming an embedding model.'],
    ['no input', { model: 'm' }, 'input', expect.stringContaining('input must be a string, an array')],
    ['an empty string', { model: 'm', input: '' }, 'input', 'input must not be an empty string.'],
    ['an empty list', { model: 'm', input: [] }, 'input', 'input must not be empty.'],
    [
      'an empty string in a batch',
      { model: 'm', input: ['a', ''] },
      'input[1]',
      'input[1] must not be an empty string.',
    ],
    ['a mixed batch', { model: 'm', input: ['a', 1] }, 'input[1]', 'input[1] must be a string, like input[0].'],
    ['a list of objects', { model: 'm', input: [{}] }, 'input[0]', expect.stringContaining('input must be')],
    ['an empty token list', { model: 'm', input: [[1], []] }, 'input[1]', 'input[1] must not be an empty array.'],
    [
      'a token id out of range',
      { model: 'm', input: [[1, MAX_TOKEN_ID + 1]] },
      'input[0][1]',
      `input[0][1] must be a token id from 0 to ${MAX_TOKEN_ID}, got ${MAX_TOKEN_ID + 1}.`,
    ],
    ['a negative token id', { model: 'm', input: [3, -1] }, 'input[1]', expect.stringContaining('got -1.')],
    ['a fractional token id', { model: 'm', input: [1.5] }, 'input[0]', expect.stringContaining('got 1.5.')],
    ['an unknown encoding', { model: 'm', input: 'x', encoding_format: 'int8' }, 'encoding_format', expect.any(String)],
    [
      'zero dimensions',
      { model: 'm', input: 'x', dimensions: 0 },
      'dimensions',
      'dimensions must be a whole number ≥ 1.',
    ],
    ['a user that is not a string', { model: 'm', input: 'x', user: 7 }, 'user', expect.any(String)],
  ])('refuses %s', (_case, body, param, message) => {
    expect(refusal(body)).toEqual({ param, message });
  });
});
