import { Body, Delete, Get, HttpCode, Inject, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { InvalidApiKeyError } from '@switchyard/contracts';
import { AdminSessionService, type AdminSessionView } from '@switchyard/admin';
import { BILLING_CONFIG, type BillingConfig } from '../../config/billing-config';
import { assertSessionWrite, unlessUnavailable } from '../auth/authenticate-admin';
import { SignInDto } from '../dto/session.dto';
import { AdminController } from '../http/admin-controller.decorator';
import { clearSessionCookie, sessionCookieOf, setSessionCookie } from './session-cookie.util';

/** What the console learns about its session: what its token may do, until when, and its CSRF token. */
function viewOf(session: AdminSessionView) {
  const { scope, teamId } = session.principal;
  return { scope, teamId, expiresAt: session.expiresAt.toISOString(), csrfToken: session.csrfToken };
}

/**
 * The console's sign-in (an admin token in, a session cookie out), its status and sign-out. Not
 * behind AdminAuthGuard: each route checks its own credential (the admin ingress rate-limits sign-in).
 */
@AdminController('session', { authenticated: false })
export class SessionController {
  constructor(
    @Inject(AdminSessionService) private readonly sessions: AdminSessionService,
    @Inject(BILLING_CONFIG) private readonly config: BillingConfig,
  ) {}

  @Post()
  @HttpCode(200)
  async signIn(@Body() body: SignInDto, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const ttlMs = this.config.console.sessionTtlMs;
    const session = await unlessUnavailable(() => this.sessions.start(body.token, ttlMs));
    setSessionCookie(req, res, session.cookie, ttlMs);
    return viewOf(session);
  }

  @Get()
  async status(@Req() req: Request) {
    const cookie = sessionCookieOf(req);
    if (cookie === undefined) throw new InvalidApiKeyError('Not signed in: no console session cookie.');
    return viewOf(await unlessUnavailable(() => this.sessions.resume(cookie)));
  }

  /**
   * Ends the session the cookie names and clears the cookie. A live session is a write like any
   * other (x-csrf-token, same origin); an expired or unknown one only has its cookie cleared.
   */
  @Delete()
  @HttpCode(204)
  async signOut(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    const cookie = sessionCookieOf(req);
    if (cookie !== undefined) {
      const live = await unlessUnavailable(() => this.sessions.resume(cookie)).catch((err: unknown) => {
        if (err instanceof InvalidApiKeyError) return null;
        throw err;
      });
      if (live) assertSessionWrite(live, req);
      await unlessUnavailable(() => this.sessions.end(cookie));
    }
    clearSessionCookie(req, res);
  }
}
