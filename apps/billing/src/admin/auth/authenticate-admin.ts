import { ServiceUnavailableError, SwitchyardError } from '@switchyard/contracts';
import type { AdminPrincipal, AdminTokenService } from '@switchyard/admin';

/** The admin token of an /admin request; a database that cannot answer is ours to fix (503), not the caller's token. */
export async function authenticateAdmin(
  tokens: AdminTokenService,
  authorization: string | undefined,
): Promise<AdminPrincipal> {
  try {
    return await tokens.authenticate(authorization);
  } catch (err) {
    if (err instanceof SwitchyardError) throw err;
    throw new ServiceUnavailableError('Authentication is temporarily unavailable.', err);
  }
}
