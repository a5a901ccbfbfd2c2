import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { PermissionDeniedError, TeamNotFoundError } from '@switchyard/contracts';
import { AdminTokenService } from '@switchyard/admin';
import { principalOf, setPrincipal } from './admin-principal';
import { authenticateAdmin } from './authenticate-admin';

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * Every /admin/v1 route: an admin token (API keys are refused), a write scope for anything but
 * reads, and — for a team-scoped token — only its own team. The `:teamId` route parameter is
 * checked here, once for every route, so no controller can forget it; a foreign team is
 * answered as not found, so a scoped token cannot even learn which team ids exist.
 */
@Injectable()
export class AdminAuthGuard implements CanActivate {
  constructor(@Inject(AdminTokenService) private readonly tokens: AdminTokenService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<Request>();
    // The admin ingress authenticated the token before reading the body; anything else is checked here.
    const principal = principalOf(req) ?? (await authenticateAdmin(this.tokens, req.headers.authorization));
    const teamId = (req.params as Record<string, string | undefined> | undefined)?.teamId;
    if (principal.teamId && teamId !== undefined && teamId !== principal.teamId) throw new TeamNotFoundError(teamId);
    if (!READ_METHODS.has(req.method) && principal.scope !== 'write') {
      throw new PermissionDeniedError('This admin token is read-only.');
    }
    setPrincipal(req, principal);
    return true;
  }
}
