import type { Pool } from 'pg';
import { allowListOf } from './allow-list.util';
import type { ApiKeyRecord, ApiKeyStore } from './api-key.types';

/** Last-used time is informational: a write at most this often per key keeps hot keys off the write path. */
const TOUCH_INTERVAL_MS = 60_000;

interface KeyRow {
  id: string;
  team_id: string;
  display_prefix: string;
  status: ApiKeyRecord['status'];
  team_status: ApiKeyRecord['teamStatus'];
  expires_at: Date | null;
  models_restricted: boolean;
  allowed_models: string[];
  tiers_restricted: boolean;
  allowed_tiers: string[];
  rpm_limit: number | null;
  tpm_limit: number | null;
}

// node-postgres returns the status enums as their labels and parses the text[] columns.
const FIND_BY_HASH = `
  SELECT k.id, k.team_id, k.display_prefix, k.status, t.status AS team_status,
         k.expires_at, k.models_restricted, k.allowed_models, k.tiers_restricted, k.allowed_tiers,
         k.rpm_limit, k.tpm_limit
    FROM api_keys k JOIN teams t ON t.id = k.team_id
   WHERE k.key_hash = $1`;

const TOUCH = `UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $3)`;

/**
 * The authenticator's lookups, from Postgres (the `api_keys.key_hash` unique index), in plain SQL
 * on a node-postgres pool. With the cold balance load (pgCreditAccountLoader) this is all the
 * gateway asks of Postgres, and keeping Prisma's client (its query compiler runs as WebAssembly)
 * out of the gateway saves it tens of MB of memory. Table and column names are the ones
 * prisma/schema.prisma maps; api-key.service.int-spec.ts checks the lookup on rows Prisma wrote.
 */
export class PgApiKeyStore implements ApiKeyStore {
  constructor(private readonly pool: Pick<Pool, 'query'>) {}

  async findByHash(keyHash: string): Promise<ApiKeyRecord | null> {
    const { rows } = await this.pool.query<KeyRow>(FIND_BY_HASH, [keyHash]);
    const row = rows[0];
    if (!row) return null;
    return {
      keyId: row.id,
      teamId: row.team_id,
      displayPrefix: row.display_prefix,
      status: row.status,
      teamStatus: row.team_status,
      expiresAt: row.expires_at,
      allowedModels: allowListOf(row.models_restricted, row.allowed_models),
      allowedTiers: allowListOf(row.tiers_restricted, row.allowed_tiers),
      rpmLimit: row.rpm_limit,
      tpmLimit: row.tpm_limit,
    };
  }

  async touchLastUsed(keyId: string, at: Date): Promise<void> {
    await this.pool.query(TOUCH, [keyId, at, new Date(at.getTime() - TOUCH_INTERVAL_MS)]);
  }
}
