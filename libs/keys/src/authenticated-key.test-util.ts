import type { AllowList } from './allow-list.util';
import type { AuthenticatedKey } from './api-key.types';

/** An authenticated key with the given allow-lists and no limits, for the pure specs of what a key may use. */
export function keyWith(allowedModels: AllowList, allowedTiers: AllowList): AuthenticatedKey {
  return {
    keyId: 'k',
    teamId: 't',
    displayPrefix: 'sy_live_abcd',
    allowedModels,
    allowedTiers,
    rpmLimit: null,
    tpmLimit: null,
    expiresAt: null,
  };
}
