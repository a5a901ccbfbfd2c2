import type { Request, Response } from 'express';

/** The console's session cookie: only ever set by billing, so its value is our own base64url. */
export const SESSION_COOKIE = 'sy_session';

/**
 * The session cookie's value in a Cookie header, if any. Hand-written rather than a cookie
 * library: one name, a value of base64url characters that needs no decoding.
 */
export function sessionCookieOf(req: Request): string | undefined {
  for (const pair of (req.headers.cookie ?? '').split(';')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at).trim() === SESSION_COOKIE) {
      const value = pair.slice(at + 1).trim();
      if (/^[A-Za-z0-9_-]{1,128}$/.test(value)) return value;
    }
  }
  return undefined;
}

/** HttpOnly, SameSite=Strict, whole site; Secure when the request came over https (TRUST_PROXY honoured). */
export function setSessionCookie(req: Request, res: Response, value: string, maxAgeMs: number): void {
  res.cookie(SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'strict',
    path: '/',
    secure: req.secure,
    maxAge: maxAgeMs,
  });
}

export function clearSessionCookie(req: Request, res: Response): void {
  setSessionCookie(req, res, '', 0);
}
