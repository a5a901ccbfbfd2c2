import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { discardBody, type JsonBodyLimits, readJsonBody } from '@switchyard/http-input';
import { setPrincipal } from '../auth/admin-principal';
import { type AdminCredentials, authenticateAdmin, unlessUnavailable } from '../auth/authenticate-admin';
import type { SignInLimiter } from '../session/sign-in-limiter';
import { answerAdminError } from './answer-admin-error';

/**
 * Admin bodies are small (a name, a memo, an amount, allow-lists of at most 100 entries): 64 KiB,
 * 16 levels and 2,000 elements leave them room while keeping what an admin body can cost tiny.
 */
export const ADMIN_BODY_LIMITS: JsonBodyLimits = { limitBytes: 64 * 1024, maxDepth: 16, maxElements: 2_000 };

/** Whether a request carries a body at all (a POST with Content-Length: 0 does not). */
const hasBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/** The console's sign-in, status and sign-out: matched as Express routes match (any case, optional slash). */
const SESSION_PATH = /^\/v1\/session\/?$/i;

export interface AdminIngressDeps extends AdminCredentials {
  signIns: SignInLimiter;
  logger: LoggerService;
}

/**
 * In front of every /admin route, before Nest's router: the credential first (an admin token or
 * a console session cookie, CSRF checked for writes), so a request without a valid one costs a
 * header check and never a body read; then the body, read by the same reader as the gateway's
 * (JSON in UTF-8, its limits, depth and element count checked on the bytes before parsing).
 * AdminAuthGuard then checks scope and team on the principal found here. The session routes
 * carry their own credential: sign-in's token is in its body, read once the client's address is
 * under its attempt limit; status and sign-out read the cookie themselves.
 */
export function adminIngress(deps: AdminIngressDeps): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const admit = async () => {
      if (!SESSION_PATH.test(req.path)) setPrincipal(req, await authenticateAdmin(deps, req));
      else if (req.method === 'POST') await unlessUnavailable(() => deps.signIns.take(req.ip ?? 'unknown'));
      if (hasBody(req)) req.body = await readJsonBody(req, ADMIN_BODY_LIMITS);
    };
    admit().then(
      () => next(),
      (err: unknown) => {
        discardBody(req, res);
        answerAdminError(err, res, deps.logger);
      },
    );
  };
}
