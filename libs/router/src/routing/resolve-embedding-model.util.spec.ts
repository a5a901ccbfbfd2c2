import { InvalidRequestError, ModelNotFoundError } from '@switchyard/contracts';
import { parseCatalog } from '../catalog/parse-catalog.util';
import { rawCatalog } from '../testing/catalog.fixture';
import { resolveEmbeddingModel } from './resolve-embedding-model.util';

const catalog = parseCatalog(rawCatalog());

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  throw new Error('expected an error');
}

describe(resolveEmbeddingModel.name, () => {
  it('finds an embedding model by alias', () => {
    expect(resolveEmbeddingModel(catalog, 'embed-local')).toBe(catalog.embeddingModels?.get('embed-local'));
  });

  it('refuses a chat alias with a 400 naming the embedding models', () => {
    const err = thrownBy(() => resolveEmbeddingModel(catalog, 'core-fast'));
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err).toMatchObject({
      param: 'model',
      message: 'core-fast is a chat model; POST /v1/embeddings takes an embedding model (embed-small, embed-local).',
    });
  });

  it('answers model_not_found for an unknown alias', () => {
    expect(thrownBy(() => resolveEmbeddingModel(catalog, 'embed-9'))).toBeInstanceOf(ModelNotFoundError);
  });
});
