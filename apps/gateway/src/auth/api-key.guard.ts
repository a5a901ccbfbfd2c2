import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { ApiKeyAuthenticator, type AuthenticatedKey } from '@switchyard/keys';
import { requestContextOf } from '../http/request-context';
import { authenticateRequest } from './authenticate-request';

const KEY = Symbol('apiKey');
type WithKey = Request & { [KEY]?: AuthenticatedKey };

export function authenticatedKeyOf(req: Request): AuthenticatedKey {
  const key = (req as WithKey)[KEY];
  if (!key) throw new Error('ApiKeyGuard did not run for this route');
  return key;
}

/** Every /v1 route Nest serves: a Bearer API key (authenticateRequest). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(@Inject(ApiKeyAuthenticator) private readonly authenticator: ApiKeyAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<WithKey>();
    req[KEY] = await authenticateRequest(this.authenticator, req.headers.authorization, requestContextOf(req));
    return true;
  }
}
