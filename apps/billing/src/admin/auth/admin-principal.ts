import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import type { AdminPrincipal } from '@switchyard/admin';

const PRINCIPAL = Symbol('adminPrincipal');
type WithPrincipal = Request & { [PRINCIPAL]?: AdminPrincipal };

export function setPrincipal(req: Request, principal: AdminPrincipal): void {
  (req as WithPrincipal)[PRINCIPAL] = principal;
}

/** The admin token already accepted for this request (by the admin ingress), if any. */
export function principalOf(req: Request): AdminPrincipal | undefined {
  return (req as WithPrincipal)[PRINCIPAL];
}

/** The admin token AdminAuthGuard accepted for this request. */
export const Principal = createParamDecorator((_data: unknown, ctx: ExecutionContext): AdminPrincipal => {
  const principal = (ctx.switchToHttp().getRequest<Request>() as WithPrincipal)[PRINCIPAL];
  if (!principal) throw new Error('AdminAuthGuard did not run for this route');
  return principal;
});
