import { SwitchyardError } from './switchyard.error';

/** The request names a model alias the catalog does not have (404). */
export class ModelNotFoundError extends SwitchyardError {
  constructor(alias: string) {
    super('model_not_found', `Unknown model: ${alias}`, { param: 'model' });
  }
}
