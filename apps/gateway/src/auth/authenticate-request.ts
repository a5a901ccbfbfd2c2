import { ServiceUnavailableError, SwitchyardError } from '@switchyard/contracts';
import type { ApiKeyAuthenticator, AuthenticatedKey } from '@switchyard/keys';
import type { IncomingHttpHeaders } from 'node:http';
import type { RequestContext } from '../http/request-context';

/**
 * The key's Authorization header: as sent, or made from `x-api-key` (what Claude Code,
 * @ai-sdk/anthropic and the Anthropic 0.x SDK send) when there is no Authorization header.
 */
export function authorizationOf(headers: IncomingHttpHeaders): string | undefined {
  const apiKey = headers['x-api-key'];
  return headers.authorization ?? (typeof apiKey === 'string' && apiKey !== '' ? `Bearer ${apiKey}` : undefined);
}

/**
 * The Bearer API key of a /v1 request, checked against the in-process cache before the database.
 * Records team and key prefix on the request context for its log line (never the key).
 */
export async function authenticateRequest(
  authenticator: ApiKeyAuthenticator,
  authorization: string | undefined,
  ctx: RequestContext | undefined,
): Promise<AuthenticatedKey> {
  let key: AuthenticatedKey;
  try {
    key = await authenticator.authenticate(authorization);
  } catch (err) {
    if (err instanceof SwitchyardError) throw err;
    // The key store (Postgres) is unreachable: that is ours to fix, not the client's key.
    throw new ServiceUnavailableError('Authentication is temporarily unavailable.', err);
  }
  if (ctx) {
    ctx.teamId = key.teamId;
    ctx.keyPrefix = key.displayPrefix;
  }
  return key;
}
