import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { InvalidApiKeyError } from '@switchyard/contracts';
import type { PrismaClient } from '@switchyard/db';
import type { AdminPrincipal } from './admin-actor.types';
import type { AdminTokenService } from './admin-token.service';

/** A live console session: who it stands for, until when, and the token its writes must carry. */
export interface AdminSessionView {
  principal: AdminPrincipal;
  expiresAt: Date;
  csrfToken: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();

/**
 * The CSRF token is derived from the cookie value rather than stored: only the holder of the
 * cookie can compute it, and the database (which keeps the cookie's SHA-256 only) cannot.
 */
const csrfTokenOf = (cookie: string) => sha256(`csrf:${cookie}`).toString('base64url');

/**
 * Console sessions: signing in with an admin token answers a random cookie (32 bytes) that stands
 * for that token until it expires, is ended (sign-out) or its token is revoked. Stored as the
 * cookie's SHA-256, so a database reader cannot replay one. Looked up on every call, as tokens are.
 */
export class AdminSessionService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly tokens: AdminTokenService,
  ) {}

  async start(token: string, ttlMs: number): Promise<AdminSessionView & { cookie: string }> {
    const principal = await this.tokens.authenticateToken(token);
    const cookie = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + ttlMs);
    // The token's expired sessions go as it signs in again (by its index): the table holds about its live sessions.
    await this.prisma.$transaction([
      this.prisma.adminSession.deleteMany({ where: { tokenId: principal.tokenId, expiresAt: { lt: new Date() } } }),
      this.prisma.adminSession.create({ data: { sessionHash: hashOf(cookie), tokenId: principal.tokenId, expiresAt } }),
    ]);
    return { principal, expiresAt, csrfToken: csrfTokenOf(cookie), cookie };
  }

  /** The session this cookie names, or InvalidApiKeyError when it is unknown, expired, ended or its token revoked. */
  async resume(cookie: string): Promise<AdminSessionView> {
    const row = await this.prisma.adminSession.findUnique({
      where: { sessionHash: hashOf(cookie) },
      select: {
        expiresAt: true,
        endedAt: true,
        token: { select: { id: true, name: true, scope: true, teamId: true, revokedAt: true } },
      },
    });
    if (!row || row.endedAt || row.token.revokedAt || row.expiresAt.getTime() <= Date.now())
      throw new InvalidApiKeyError('The console session has expired or ended: sign in again.');
    const { id, name, scope, teamId } = row.token;
    return {
      principal: { tokenId: id, name, scope, teamId },
      expiresAt: row.expiresAt,
      csrfToken: csrfTokenOf(cookie),
    };
  }

  /** Sign-out: the session stops at once (a no-op for a cookie that names none). */
  async end(cookie: string): Promise<void> {
    await this.prisma.adminSession.updateMany({
      where: { sessionHash: hashOf(cookie), endedAt: null },
      data: { endedAt: new Date() },
    });
  }
}

function hashOf(cookie: string): string {
  return sha256(cookie).toString('hex');
}

/** Whether a request's x-csrf-token is its session's, compared in constant time. */
export function isSessionCsrfToken(session: AdminSessionView, header: string | undefined): boolean {
  if (!header) return false;
  const [given, expected] = [Buffer.from(header), Buffer.from(session.csrfToken)];
  return given.length === expected.length && timingSafeEqual(given, expected);
}
