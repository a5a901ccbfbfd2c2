import { validateSync } from 'class-validator';
import { CreateEmbeddingDto } from './create-embedding.dto';
import { validateEmbeddingsRequest } from './validate-embeddings-request';

const accepted = (body: Record<string, unknown>): boolean => {
  try {
    validateEmbeddingsRequest(body);
    return true;
  } catch {
    return false;
  }
};

describe(CreateEmbeddingDto.name, () => {
  it.each<Record<string, unknown>>([
    { model: 'm', input: 'a' },
    { model: 'm', input: ['a', 'b'], encoding_format: 'base64', dimensions: 8, user: 'u' },
    { model: 'm', input: [[1, 2], [3]] },
    { model: 'm', input: [1, 2] },
    { model: 'm', input: '' },
    { model: 'm', input: ['a', ''] },
    { model: 'm', input: [[200_019]] },
    { model: 'm', input: [] },
    { model: 'm' },
    { input: 'a' },
    { model: '', input: 'a' },
    { model: 7, input: 'a' },
    { model: 'm', input: 'a', encoding_format: 'int8' },
    { model: 'm', input: 'a', dimensions: 0 },
    { model: 'm', input: 'a', dimensions: 1.5 },
    { model: 'm', input: 'a', user: 'u'.repeat(257) },
  ])('documents what the route accepts: %j', (body) => {
    const errors = validateSync(Object.assign(new CreateEmbeddingDto(), body));
    expect(errors.length === 0).toBe(accepted(body));
  });
});
