import type { AdminStack } from './admin-stack';

/** What a browser would send and get back for the console's session, made by hand with fetch. */
export interface SignedIn {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  setCookie: string;
  /** `sy_session=<value>`, as the browser would send it back. */
  cookie: string;
  csrfToken: string;
}

export async function signIn(
  stack: AdminStack,
  token: string,
  headers: Record<string, string> = {},
): Promise<SignedIn> {
  const res = await fetch(`${stack.url}/admin/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ token }),
  });
  const text = await res.text();
  const body = text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text;
  const setCookie = res.headers.get('set-cookie') ?? '';
  return { status: res.status, body, setCookie, cookie: setCookie.split(';')[0], csrfToken: body?.csrfToken ?? '' };
}

/** An /admin/v1 call made with a session cookie (and whatever CSRF headers the test chooses). */
export async function withCookie(
  stack: AdminStack,
  method: string,
  path: string,
  cookie: string,
  options: { headers?: Record<string, string>; body?: unknown } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
): Promise<{ status: number; body: any; headers: Headers }> {
  const headers: Record<string, string> = { cookie, ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${stack.url}/admin/v1${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  const isJson = (res.headers.get('content-type') ?? '').includes('json');
  return { status: res.status, body: isJson && text ? JSON.parse(text) : text, headers: res.headers };
}
