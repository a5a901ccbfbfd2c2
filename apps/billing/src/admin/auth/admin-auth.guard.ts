import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import {
  PermissionDeniedError,
  ServiceUnavailableError,
  SwitchyardError,
  TeamNotFoundError,
} from '@switchyard/contracts';
import { type AdminPrincipal, AdminTokenService } from '@switchyard/keys';
import { setPrincipal } from './admin-principal';

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
    const principal = await this.authenticate(req.headers.authorization);
    const teamId = (req.params as Record<string, string | undefined> | undefined)?.teamId;
    if (principal.teamId && teamId !== undefined && teamId !== principal.teamId) throw new TeamNotFoundError(teamId);
    if (!READ_METHODS.has(req.method) && principal.scope !== 'write') {
      throw new PermissionDeniedError('This admin token is read-only.');
    }
    setPrincipal(req, principal);
    return true;
  }

  private async authenticate(header: string | undefined): Promise<AdminPrincipal> {
    try {
      return await this.tokens.authenticate(header);
    } catch (err) {
      if (err instanceof SwitchyardError) throw err;
      throw new ServiceUnavailableError('Authentication is temporarily unavailable.', err);
    }
  }
}
