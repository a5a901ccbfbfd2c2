import { InvalidRequestError, ModelNotFoundError, type Catalog, type EmbeddingModel } from '@switchyard/contracts';

/**
 * The embedding model a POST /v1/embeddings request names. A chat alias is a 400 saying so (and
 * which embedding models there are), an alias the catalog does not have a 404.
 */
export function resolveEmbeddingModel(catalog: Catalog, alias: string): EmbeddingModel {
  const model = catalog.embeddingModels?.get(alias);
  if (model) return model;
  if (!catalog.models.has(alias)) throw new ModelNotFoundError(alias);
  const embeddingAliases = [...(catalog.embeddingModels?.keys() ?? [])];
  throw new InvalidRequestError(
    `${alias} is a chat model; POST /v1/embeddings takes an embedding model (${embeddingAliases.join(', ') || 'none in this catalog'}).`,
    'model',
  );
}
