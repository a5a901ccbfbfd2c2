import { createHash, randomBytes } from 'node:crypto';

/** Admin tokens look nothing like API keys (`sy_live_…`), so neither can pass for the other. */
export const ADMIN_TOKEN_PREFIX = 'syadm_';
/** A bootstrap token (ADMIN_TOKEN) is chosen by the operator: it must at least be long. */
export const MIN_ADMIN_TOKEN_LENGTH = 24;

export interface GeneratedAdminToken {
  /** Shown once, never stored. */
  plaintext: string;
  /** Hex SHA-256: what the database stores and looks up. */
  hash: string;
}

/** 32 random bytes as base64url: 256 bits, so SHA-256 without a slow KDF is enough. */
export function generateAdminToken(): GeneratedAdminToken {
  const plaintext = ADMIN_TOKEN_PREFIX + randomBytes(32).toString('base64url');
  return { plaintext, hash: hashAdminToken(plaintext) };
}

export function hashAdminToken(plaintext: string): string {
  return createHash('sha256').update(plaintext).digest('hex');
}
