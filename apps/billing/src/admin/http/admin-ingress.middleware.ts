import type { LoggerService } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { discardBody, type JsonBodyLimits, readJsonBody } from '@switchyard/http-input';
import type { AdminTokenService } from '@switchyard/admin';
import { setPrincipal } from '../auth/admin-principal';
import { authenticateAdmin } from '../auth/authenticate-admin';
import { answerAdminError } from './answer-admin-error';

/**
 * Admin bodies are small (a name, a memo, an amount, allow-lists of at most 100 entries): 64 KiB,
 * 16 levels and 2,000 elements leave them room while keeping what an admin body can cost tiny.
 */
export const ADMIN_BODY_LIMITS: JsonBodyLimits = { limitBytes: 64 * 1024, maxDepth: 16, maxElements: 2_000 };

/** Whether a request carries a body at all (a POST with Content-Length: 0 does not). */
const hasBody = (req: Request) =>
  req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;

/**
 * In front of every /admin route, before Nest's router: the admin token first, so a request
 * without a valid one costs a header check and never a body read; then the body, read by the
 * same reader as the gateway's (JSON in UTF-8, its limits, depth and element count checked on
 * the bytes before parsing). AdminAuthGuard then checks scope and team on the principal found here.
 */
export function adminIngress(tokens: AdminTokenService, logger: LoggerService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    const admit = async () => {
      setPrincipal(req, await authenticateAdmin(tokens, req.headers.authorization));
      if (hasBody(req)) req.body = await readJsonBody(req, ADMIN_BODY_LIMITS);
    };
    admit().then(
      () => next(),
      (err: unknown) => {
        discardBody(req, res);
        answerAdminError(err, res, logger);
      },
    );
  };
}
