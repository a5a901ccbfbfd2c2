import type { AllowList } from './allow-list.util';

/** What the gateway knows about the caller once its key is accepted. */
export interface AuthenticatedKey {
  keyId: string;
  teamId: string;
  displayPrefix: string;
  /** null: every model alias is allowed; a list: only those (an empty one: none). */
  allowedModels: AllowList;
  /** null: every tier is allowed; a list: only those. Kept as stored so an unknown value never widens access. */
  allowedTiers: AllowList;
  rpmLimit: number | null;
  tpmLimit: number | null;
  expiresAt: Date | null;
}

/** A stored key joined with its team's status: everything authentication decides on. */
export interface ApiKeyRecord extends AuthenticatedKey {
  status: 'active' | 'revoked';
  teamStatus: 'active' | 'disabled';
}

/** The one lookup authentication needs; PgApiKeyStore implements it in SQL. */
export interface ApiKeyStore {
  findByHash(keyHash: string): Promise<ApiKeyRecord | null>;
  /** Best effort: records that the key was seen (called at most once per cache fill). */
  touchLastUsed?(keyId: string, at: Date): Promise<void>;
}
