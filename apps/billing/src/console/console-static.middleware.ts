import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { static as serveStatic } from 'express';

/**
 * The console's policy: everything from this origin, nothing inline but images and fonts Vite
 * inlined as data: URLs, never framed (its buttons move money).
 */
export const CONSOLE_CSP = [
  "default-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

/** Vite names what it builds under assets/ by content hash: a changed file is a new URL. */
const HASHED = /^\/assets\//;
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A path whose last segment names a file (has an extension): a missing one is a 404, not the app. */
const NAMES_A_FILE = /\/[^/]*\.[^/]*$/;

/**
 * The built console (CONSOLE_DIR) at /console, same origin as /admin/v1. Files by serve-static
 * (which refuses paths that climb out of the directory and dotfiles); any other GET is the app's
 * own route, answered with index.html (never cached, so a new build is seen at once). Without a
 * build billing still serves its API, and /console says how to get one.
 */
export function consoleStatic(dir: string): RequestHandler {
  const root = resolve(dir);
  const index = join(root, 'index.html');
  const files = serveStatic(root, {
    index: false,
    fallthrough: true,
    redirect: false,
    setHeaders: (res, _path) => {
      const url = (res.req as Request).path;
      res.setHeader('cache-control', HASHED.test(url) ? IMMUTABLE : 'no-cache');
    },
  });
  return (req: Request, res: Response, next: NextFunction) => {
    res.setHeader('content-security-policy', CONSOLE_CSP);
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    files(req, res, (err?: unknown) => {
      if (err) return next(err);
      if (NAMES_A_FILE.test(decodedPath(req))) return notFound(res);
      if (!existsSync(index)) return notBuilt(res, root);
      res.setHeader('cache-control', 'no-cache');
      res.sendFile(index, (sendErr) => sendErr && next(sendErr));
    });
  };
}

/** The path as the file system would see it (serve-static decodes it too); undecodable counts as a file. */
function decodedPath(req: Request): string {
  try {
    return decodeURIComponent(req.path);
  } catch {
    return '/.';
  }
}

function notFound(res: Response): void {
  res.status(404).type('text/plain').send('Not found.\n');
}

function notBuilt(res: Response, root: string): void {
  res
    .status(503)
    .type('text/plain')
    .send(`The console is not built: run \`npm run build\` (it is served from ${root}, CONSOLE_DIR).\n`);
}
