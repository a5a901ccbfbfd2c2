import type { Request } from 'express';
import { sessionCookieOf } from './session-cookie.util';

const withCookie = (cookie?: string) => ({ headers: { cookie } }) as unknown as Request;

describe(sessionCookieOf.name, () => {
  it('finds the session cookie among others', () => {
    expect(sessionCookieOf(withCookie('a=1; sy_session=abc_DEF-123; b=2'))).toBe('abc_DEF-123');
  });

  it('ignores a missing, empty or malformed value and look-alike names', () => {
    for (const cookie of [undefined, '', 'sy_session=', 'sy_session=a%20b', 'xsy_session=abc', 'sy_sessionx=abc'])
      expect(sessionCookieOf(withCookie(cookie))).toBeUndefined();
  });
});
