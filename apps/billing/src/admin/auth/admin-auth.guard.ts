import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { PermissionDeniedError, TeamNotFoundError } from '@switchyard/contracts';
import { AdminSessionService, AdminTokenService } from '@switchyard/admin';
import { principalOf, setPrincipal } from './admin-principal';
import { authenticateAdmin, READ_METHODS } from './authenticate-admin';

/**
 * Every /admin/v1 route: an admin token or a console session standing for one (API keys are
 * refused), a write scope for anything but reads, and — for a team-scoped token — only its own
 * team. The `:teamId` route parameter is checked here, once for every route, so no controller can
 * forget it; a foreign team is answered as not found, so a scoped token cannot even learn which
 * team ids exist.
 */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(
    @Inject(AdminTokenService) private readonly tokens: AdminTokenService,
    @Inject(AdminSessionService) private readonly sessions: AdminSessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    // The admin ingress authenticated the caller before reading the body; anything else is checked here.
    const principal =
      principalOf(req) ?? (await authenticateAdmin({ tokens: this.tokens, sessions: this.sessions }, req));
    const teamId = (req.params as Record<string, string | undefined> | undefined)?.teamId;
    if (principal.teamId && teamId !== undefined && teamId !== principal.teamId) throw new TeamNotFoundError(teamId);
    if (!READ_METHODS.has(req.method) && principal.scope !== 'write') {
      throw new PermissionDeniedError('This admin token is read-only.');
    }
    setPrincipal(req, principal);
    return true;
  }
}
