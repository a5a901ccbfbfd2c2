import { PermissionDeniedError, type Tier } from '@switchyard/contracts';
import type { AuthenticatedKey } from './api-key.types';

/** True when the key's allow-lists (empty = everything) admit both the model and its tier. */
export function keyAllows(key: AuthenticatedKey, model: { alias: string; tier: Tier }): boolean {
  return (
    (key.allowedModels.length === 0 || key.allowedModels.includes(model.alias)) &&
    (key.allowedTiers.length === 0 || key.allowedTiers.includes(model.tier))
  );
}

/** Throws PermissionDeniedError (param `model`) when the key may not use the model. */
export function assertKeyAllows(key: AuthenticatedKey, model: { alias: string; tier: Tier }): void {
  if (key.allowedModels.length > 0 && !key.allowedModels.includes(model.alias)) {
    throw new PermissionDeniedError(`This API key is not allowed to use model ${model.alias}.`, 'model');
  }
  if (key.allowedTiers.length > 0 && !key.allowedTiers.includes(model.tier)) {
    throw new PermissionDeniedError(`This API key is not allowed to use ${model.tier}-tier models.`, 'model');
  }
}
