import { InvalidApiKeyError, InvalidRequestError, NotFoundError } from '@switchyard/contracts';
import { isForeignKeyViolation, type PrismaClient } from '@switchyard/db';
import { isWellFormedApiKey } from '@switchyard/keys';
import type { AdminActor, AdminPrincipal, AdminScope } from './admin-actor.types';
import { recordAudit } from './admin-audit.util';
import { generateAdminToken, hashAdminToken, MIN_ADMIN_TOKEN_LENGTH } from './admin-token-format.util';

const BEARER = /^Bearer +([^ ]+) *$/i;

export interface AdminTokenView {
  id: string;
  name: string;
  scope: AdminScope;
  teamId: string | null;
  createdAt: Date;
  revokedAt: Date | null;
}

const VIEW = { id: true, name: true, scope: true, teamId: true, createdAt: true, revokedAt: true } as const;

/**
 * Admin tokens: the secrets of the control plane. Looked up on every admin call (no cache), so
 * a revoked token stops at once; admin traffic is small.
 */
export class AdminTokenService {
  constructor(private readonly prisma: PrismaClient) {}

  async authenticate(authorizationHeader: string | undefined): Promise<AdminPrincipal> {
    const match = authorizationHeader ? BEARER.exec(authorizationHeader) : null;
    if (!match) throw new InvalidApiKeyError("Missing admin token. Send it as 'Authorization: Bearer <admin token>'.");
    return this.authenticateToken(match[1]);
  }

  /** The admin token itself (the console's sign-in sends it in a body, not a header). */
  async authenticateToken(plaintext: string): Promise<AdminPrincipal> {
    if (isWellFormedApiKey(plaintext) || /^sy_(live|test)_/.test(plaintext)) {
      throw new InvalidApiKeyError('API keys are not accepted on the admin API: use an admin token.');
    }
    const row = await this.prisma.adminToken.findUnique({
      where: { tokenHash: hashAdminToken(plaintext) },
      select: VIEW,
    });
    if (!row || row.revokedAt) throw new InvalidApiKeyError('Invalid admin token.');
    return { tokenId: row.id, name: row.name, scope: row.scope, teamId: row.teamId };
  }

  /** Makes ADMIN_TOKEN a write, all-teams token (once; a later revocation of it stands). */
  async ensureBootstrapToken(plaintext: string): Promise<void> {
    if (plaintext.length < MIN_ADMIN_TOKEN_LENGTH)
      throw new RangeError(`ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_LENGTH} characters`);
    await this.prisma.adminToken.upsert({
      where: { tokenHash: hashAdminToken(plaintext) },
      create: { name: 'bootstrap', tokenHash: hashAdminToken(plaintext), scope: 'write', teamId: null },
      update: {},
    });
  }

  async create(
    input: { name: string; scope: AdminScope; teamId: string | null },
    actor: AdminActor,
  ): Promise<AdminTokenView & { token: string }> {
    const token = generateAdminToken();
    try {
      return await this.prisma.$transaction(async (tx) => {
        const row = await tx.adminToken.create({ data: { ...input, tokenHash: token.hash }, select: VIEW });
        await recordAudit(tx, actor, {
          action: 'admin_token.create',
          targetType: 'admin_token',
          targetId: row.id,
          teamId: row.teamId,
          before: null,
          after: row,
        });
        return { ...row, token: token.plaintext };
      });
    } catch (error) {
      // The body's teamId names no team: an attribute of the token being created, so a 400 (see NotFoundError).
      if (isForeignKeyViolation(error)) throw new InvalidRequestError(`Unknown team: ${input.teamId}`, 'team_id');
      throw error;
    }
  }

  list(teamId: string | null): Promise<AdminTokenView[]> {
    return this.prisma.adminToken.findMany({
      where: teamId ? { teamId } : {},
      select: VIEW,
      orderBy: { createdAt: 'asc' },
    });
  }

  async revoke(tokenId: string, visibleTeamId: string | null, actor: AdminActor): Promise<AdminTokenView> {
    return this.prisma.$transaction(async (tx) => {
      const before = await tx.adminToken.findFirst({
        where: { id: tokenId, ...(visibleTeamId ? { teamId: visibleTeamId } : {}) },
        select: VIEW,
      });
      if (!before) throw new NotFoundError(`No admin token with id ${tokenId}.`, 'token_id');
      if (before.revokedAt) return before;
      const after = await tx.adminToken.update({
        where: { id: tokenId },
        data: { revokedAt: new Date() },
        select: VIEW,
      });
      // Its console sessions end with it (authentication checks the token too, this makes it visible).
      await tx.adminSession.updateMany({ where: { tokenId, endedAt: null }, data: { endedAt: after.revokedAt } });
      await recordAudit(tx, actor, {
        action: 'admin_token.revoke',
        targetType: 'admin_token',
        targetId: tokenId,
        teamId: after.teamId,
        before,
        after,
      });
      return after;
    });
  }
}
