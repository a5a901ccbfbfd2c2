import { PermissionDeniedError } from '@switchyard/contracts';
import type { AdminPrincipal } from '@switchyard/admin';

/** For data found by another id (a job, a request): a scoped token sees only its own team's. */
export function canSeeTeam(principal: AdminPrincipal, teamId: string | null | undefined): boolean {
  return principal.teamId === null || principal.teamId === teamId;
}

/** Creating teams and admin tokens is for all-teams operators only. */
export function assertAllTeams(principal: AdminPrincipal): void {
  if (principal.teamId !== null) throw new PermissionDeniedError('This admin token is limited to one team.');
}
