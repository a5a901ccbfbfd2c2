import type { Request } from 'express';
import { CsrfFailedError, ServiceUnavailableError, SwitchyardError } from '@switchyard/contracts';
import {
  type AdminPrincipal,
  type AdminSessionService,
  type AdminSessionView,
  type AdminTokenService,
  isSessionCsrfToken,
} from '@switchyard/admin';
import { sessionCookieOf } from '../session/session-cookie.util';

export const READ_METHODS = new Set(['GET', 'HEAD']);

/** How an /admin request may prove who it is: an admin token, or a console session cookie. */
export interface AdminCredentials {
  tokens: AdminTokenService;
  sessions: AdminSessionService;
}

/** A database that cannot answer is ours to fix (503), not the caller's credential. */
export async function unlessUnavailable<T>(check: () => Promise<T>): Promise<T> {
  try {
    return await check();
  } catch (err) {
    if (err instanceof SwitchyardError) throw err;
    throw new ServiceUnavailableError('Authentication is temporarily unavailable.', err);
  }
}

/**
 * The caller of an /admin request. `Authorization: Bearer` wins when sent (no browser sends it on
 * its own, so it needs no CSRF defence); otherwise the console's session cookie, which a browser
 * attaches by itself: a write made with it must carry the session's x-csrf-token and, when the
 * browser names an Origin, come from this very origin.
 */
export async function authenticateAdmin(credentials: AdminCredentials, req: Request): Promise<AdminPrincipal> {
  const cookie = req.headers.authorization === undefined ? sessionCookieOf(req) : undefined;
  if (cookie === undefined) return unlessUnavailable(() => credentials.tokens.authenticate(req.headers.authorization));
  const session = await unlessUnavailable(() => credentials.sessions.resume(cookie));
  if (!READ_METHODS.has(req.method)) assertSessionWrite(session, req);
  return session.principal;
}

/** A write made with a session cookie: its x-csrf-token, and this origin when the browser names one. */
export function assertSessionWrite(session: AdminSessionView, req: Request): void {
  const header = req.headers['x-csrf-token'];
  if (!isSessionCsrfToken(session, typeof header === 'string' ? header : undefined))
    throw new CsrfFailedError("A write with the console's session needs its x-csrf-token header.");
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== ownOriginOf(req))
    throw new CsrfFailedError(`Writes with the console's session are accepted from ${ownOriginOf(req)} only.`);
}

/** The origin this request was sent to: https behind a trusted proxy (TRUST_PROXY) that says so. */
export function ownOriginOf(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? ''}`;
}
