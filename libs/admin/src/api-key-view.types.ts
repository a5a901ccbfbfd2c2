import type { Tier } from '@switchyard/contracts';
import { type AllowList, allowListOf } from '@switchyard/keys';

/** What an operator sees of a key: never the plaintext or the hash. */
export interface ApiKeyView {
  id: string;
  teamId: string;
  name: string;
  displayPrefix: string;
  status: 'active' | 'revoked';
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  /** null: every model; a list: only those aliases. */
  allowedModels: string[] | null;
  /** null: every tier; a list: only those tiers. */
  allowedTiers: string[] | null;
  rpmLimit: number | null;
  tpmLimit: number | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** The columns of {@link ApiKeyView}, as a Prisma select; {@link toApiKeyView} maps a row. */
export const API_KEY_VIEW_SELECT = {
  id: true,
  teamId: true,
  name: true,
  displayPrefix: true,
  status: true,
  expiresAt: true,
  lastUsedAt: true,
  modelsRestricted: true,
  allowedModels: true,
  tiersRestricted: true,
  allowedTiers: true,
  rpmLimit: true,
  tpmLimit: true,
  createdAt: true,
  revokedAt: true,
} as const;

/** A row selected with {@link API_KEY_VIEW_SELECT}. */
export type ApiKeyViewRow = Omit<ApiKeyView, 'allowedModels' | 'allowedTiers'> & {
  modelsRestricted: boolean;
  allowedModels: string[];
  tiersRestricted: boolean;
  allowedTiers: string[];
};

export function toApiKeyView(row: ApiKeyViewRow): ApiKeyView {
  const { modelsRestricted, allowedModels, tiersRestricted, allowedTiers, ...rest } = row;
  return {
    ...rest,
    allowedModels: allowListOf(modelsRestricted, allowedModels),
    allowedTiers: allowListOf(tiersRestricted, allowedTiers),
  };
}

/** The settings an operator may change on a live key; absent fields stay as they are. */
export interface ApiKeyChanges {
  name?: string;
  expiresAt?: Date | null;
  /** null lifts the restriction. */
  allowedModels?: AllowList;
  allowedTiers?: readonly Tier[] | null;
  rpmLimit?: number | null;
  tpmLimit?: number | null;
}
