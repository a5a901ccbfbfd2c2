import type { Tier } from '@switchyard/contracts';

/** What an operator sees of a key: never the plaintext or the hash. */
export interface ApiKeyView {
  id: string;
  teamId: string;
  name: string;
  displayPrefix: string;
  status: 'active' | 'revoked';
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  allowedModels: string[];
  allowedTiers: string[];
  rpmLimit: number | null;
  tpmLimit: number | null;
  createdAt: Date;
  revokedAt: Date | null;
}

/** The columns of {@link ApiKeyView}, as a Prisma select. */
export const API_KEY_VIEW_SELECT = {
  id: true,
  teamId: true,
  name: true,
  displayPrefix: true,
  status: true,
  expiresAt: true,
  lastUsedAt: true,
  allowedModels: true,
  allowedTiers: true,
  rpmLimit: true,
  tpmLimit: true,
  createdAt: true,
  revokedAt: true,
} as const;

/** The settings an operator may change on a live key; absent fields stay as they are. */
export interface ApiKeyChanges {
  name?: string;
  expiresAt?: Date | null;
  allowedModels?: readonly string[];
  allowedTiers?: readonly Tier[];
  rpmLimit?: number | null;
  tpmLimit?: number | null;
}
