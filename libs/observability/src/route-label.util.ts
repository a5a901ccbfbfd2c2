import type { Request } from 'express';

/** The matched route pattern (`/v1/models/:id`), never the raw URL: metric labels must stay few. */
export function routeLabelOf(req: Request): string {
  const path = (req as Request & { route?: { path?: unknown } }).route?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}
