import { PermissionDeniedError, type Tier } from '@switchyard/contracts';
import type { AuthenticatedKey } from './api-key.types';

/** True when the key's model allow-list (null = everything) admits the alias. */
export function keyAllowsModel(key: AuthenticatedKey, alias: string): boolean {
  return key.allowedModels === null || key.allowedModels.includes(alias);
}

/** True when the key's tier allow-list (null = everything) admits the tier. */
export function keyAllowsTier(key: AuthenticatedKey, tier: Tier): boolean {
  return key.allowedTiers === null || key.allowedTiers.includes(tier);
}

/** True when the key's allow-lists admit both the model and its tier. */
export function keyAllows(key: AuthenticatedKey, model: { alias: string; tier: Tier }): boolean {
  return keyAllowsModel(key, model.alias) && keyAllowsTier(key, model.tier);
}

/** Throws PermissionDeniedError (param `model`) when the key may not use the model. */
export function assertKeyAllows(key: AuthenticatedKey, model: { alias: string; tier: Tier }): void {
  if (!keyAllowsModel(key, model.alias)) {
    throw new PermissionDeniedError(`This API key is not allowed to use model ${model.alias}.`, 'model');
  }
  if (!keyAllowsTier(key, model.tier)) {
    throw new PermissionDeniedError(`This API key is not allowed to use ${model.tier}-tier models.`, 'model');
  }
}
