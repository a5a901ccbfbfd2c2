import { Inject, Injectable } from '@nestjs/common';
import { validateEmbeddingsRequest } from '@switchyard/contracts';
import { CATALOG, type LoadedCatalog } from '../../config/catalog.loader';
import { planEmbeddings } from '../../routing/embeddings-plan';
import { type PipelineContext, required } from '../pipeline-context';
import type { PipelineStage } from '../pipeline-stage';

/** The embeddings body checked field by field (400 naming the param). */
@Injectable()
export class EmbeddingsValidateStage implements PipelineStage {
  readonly name = 'validate';
  readonly door = 'embeddings';

  run(ctx: PipelineContext): void {
    ctx.embeddings = { request: validateEmbeddingsRequest(ctx.decoded) };
  }
}

/** The embedding model, the key's right to it, every input counted against its limits, and the exact cost. */
@Injectable()
export class EmbeddingsPlanStage implements PipelineStage {
  readonly name = 'plan';
  readonly door = 'embeddings';

  constructor(@Inject(CATALOG) private readonly loaded: LoadedCatalog) {}

  run(ctx: PipelineContext): void {
    const work = required(ctx.embeddings, 'embeddings');
    work.plan = planEmbeddings(this.loaded.catalog, ctx.key, work.request);
  }
}
