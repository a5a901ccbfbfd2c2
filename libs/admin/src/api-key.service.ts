import { InvalidRequestError, NotFoundError, TeamNotFoundError, type Tier } from '@switchyard/contracts';
import { isForeignKeyViolation, type Prisma, type PrismaClient } from '@switchyard/db';
import type { AdminActor } from './admin-actor.types';
import { recordAudit } from './admin-audit.util';
import { type ApiKeyEnv, generateApiKey } from '@switchyard/keys';
import { allowListColumns } from '@switchyard/keys';
import { API_KEY_VIEW_SELECT, type ApiKeyChanges, type ApiKeyView, toApiKeyView } from './api-key-view.types';
import type { KeyRevocationPublisher } from '@switchyard/keys';

export interface CreateApiKeyInput {
  name: string;
  env: ApiKeyEnv;
  expiresAt?: Date | null;
  /** Absent or null: every model. */
  allowedModels?: readonly string[] | null;
  /** Absent or null: every tier. */
  allowedTiers?: readonly Tier[] | null;
  rpmLimit?: number | null;
  tpmLimit?: number | null;
}

export interface CreatedApiKey {
  id: string;
  /** The only time the plaintext exists outside the caller's hands: it is not stored. */
  plaintext: string;
  displayPrefix: string;
}

const SYSTEM: AdminActor = { tokenId: null, name: 'system' };
type Tx = Prisma.TransactionClient;

/**
 * Issues keys (storing only their hash), lists and changes them. Every change is audited in its
 * own transaction and then broadcast, so each gateway drops its cached copy of the key at once.
 * Every method takes the team: a key id of another team is "not found" (no cross-team access).
 */
export class ApiKeyService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly revocations?: KeyRevocationPublisher,
  ) {}

  async createKey(
    teamId: string,
    input: CreateApiKeyInput,
    actor: AdminActor = SYSTEM,
  ): Promise<CreatedApiKey & { key: ApiKeyView }> {
    try {
      return await this.prisma.$transaction((tx) => this.insertKey(tx, teamId, input, actor));
    } catch (error) {
      // The team_id foreign key found no team: the team of the path, so a 404 (see NotFoundError).
      if (isForeignKeyViolation(error)) throw new TeamNotFoundError(teamId);
      throw error;
    }
  }

  async listKeys(teamId: string): Promise<ApiKeyView[]> {
    const rows = await this.prisma.apiKey.findMany({
      where: { teamId },
      select: API_KEY_VIEW_SELECT,
      orderBy: { createdAt: 'asc' },
    });
    return rows.map(toApiKeyView);
  }

  getKey(teamId: string, keyId: string): Promise<ApiKeyView> {
    return this.findOwned(this.prisma, teamId, keyId);
  }

  async updateKey(teamId: string, keyId: string, changes: ApiKeyChanges, actor: AdminActor): Promise<ApiKeyView> {
    const { view, hash } = await this.prisma.$transaction(async (tx) => {
      const before = await this.findOwned(tx, teamId, keyId);
      const { allowedModels, allowedTiers, ...rest } = changes;
      const { keyHash, ...row } = await tx.apiKey.update({
        where: { id: keyId },
        data: { ...rest, ...allowListColumns({ allowedModels, allowedTiers }) },
        select: { ...API_KEY_VIEW_SELECT, keyHash: true },
      });
      const view = toApiKeyView(row);
      await recordAudit(tx, actor, {
        action: 'api_key.update',
        targetType: 'api_key',
        targetId: keyId,
        teamId,
        before,
        after: view,
      });
      return { view, hash: keyHash };
    });
    await this.revocations?.publish([hash]);
    return view;
  }

  /** Revokes the key; revoking a revoked key changes nothing and is not audited again. */
  async revokeKey(teamId: string, keyId: string, actor: AdminActor): Promise<ApiKeyView> {
    const { view, hash } = await this.prisma.$transaction((tx) => this.revokeIn(tx, teamId, keyId, actor));
    await this.revocations?.publish([hash]);
    return view;
  }

  /** A new key with the old one's settings; the old one is revoked in the same transaction. */
  async rotateKey(
    teamId: string,
    keyId: string,
    actor: AdminActor,
  ): Promise<CreatedApiKey & { key: ApiKeyView; revoked: ApiKeyView }> {
    const { created, revoked, hash } = await this.prisma.$transaction(async (tx) => {
      // Revoke first: its guarded update makes a concurrent second rotation of the same key fail.
      const gone = await this.revokeIn(tx, teamId, keyId, actor);
      if (!gone.changed) throw new InvalidRequestError('A revoked key cannot be rotated.', 'key_id');
      const old = gone.before;
      const env: ApiKeyEnv = old.displayPrefix.startsWith('sy_test_') ? 'test' : 'live';
      const input = { ...old, env, allowedTiers: old.allowedTiers as Tier[] | null };
      const made = await this.insertKey(tx, teamId, input, actor);
      return { created: made, revoked: gone.view, hash: gone.hash };
    });
    await this.revocations?.publish([hash]);
    return { ...created, revoked };
  }

  private async insertKey(
    tx: Tx,
    teamId: string,
    input: CreateApiKeyInput,
    actor: AdminActor,
  ): Promise<CreatedApiKey & { key: ApiKeyView }> {
    const secret = generateApiKey(input.env);
    const row = await tx.apiKey.create({
      data: {
        teamId,
        name: input.name,
        keyHash: secret.hash,
        displayPrefix: secret.displayPrefix,
        expiresAt: input.expiresAt ?? null,
        ...allowListColumns({ allowedModels: input.allowedModels ?? null, allowedTiers: input.allowedTiers ?? null }),
        rpmLimit: input.rpmLimit ?? null,
        tpmLimit: input.tpmLimit ?? null,
      },
      select: API_KEY_VIEW_SELECT,
    });
    const key = toApiKeyView(row);
    await recordAudit(tx, actor, {
      action: 'api_key.create',
      targetType: 'api_key',
      targetId: key.id,
      teamId,
      before: null,
      after: key,
    });
    return { id: key.id, plaintext: secret.plaintext, displayPrefix: secret.displayPrefix, key };
  }

  private async revokeIn(
    tx: Tx,
    teamId: string,
    keyId: string,
    actor: AdminActor,
  ): Promise<{ view: ApiKeyView; before: ApiKeyView; hash: string; changed: boolean }> {
    const before = await this.findOwned(tx, teamId, keyId);
    const { keyHash } = await tx.apiKey.findUniqueOrThrow({ where: { id: keyId }, select: { keyHash: true } });
    // Guarded on status: of two concurrent revocations exactly one changes the row (and is audited).
    const { count } = await tx.apiKey.updateMany({
      where: { id: keyId, status: 'active' },
      data: { status: 'revoked', revokedAt: new Date() },
    });
    const view = await this.findOwned(tx, teamId, keyId);
    if (count === 1)
      await recordAudit(tx, actor, {
        action: 'api_key.revoke',
        targetType: 'api_key',
        targetId: keyId,
        teamId,
        before,
        after: view,
      });
    return { view, before, hash: keyHash, changed: count === 1 };
  }

  private async findOwned(db: Pick<Tx, 'apiKey'>, teamId: string, keyId: string): Promise<ApiKeyView> {
    const row = await db.apiKey.findFirst({ where: { id: keyId, teamId }, select: API_KEY_VIEW_SELECT });
    if (!row) throw new NotFoundError(`No key with id ${keyId} in this team.`, 'key_id');
    return toApiKeyView(row);
  }
}
