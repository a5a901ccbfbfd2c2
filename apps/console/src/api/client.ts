import { ApiError } from './api-error';

/**
 * The admin API over the session cookie: same origin, so the cookie goes along
 * (credentials: 'same-origin'), and every write carries the session's CSRF token.
 */
export const API_BASE = '/admin/v1';

let csrfToken: string | null = null;
/** Called when any call answers 401: the session ended (expired, signed out elsewhere, token revoked). */
let onUnauthorized: () => void = () => {};

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

export interface RequestOptions {
  body?: unknown;
  /** One per dialog: the same key on a retry or a second click makes the API answer the first posting. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export type Query = Record<string, string | number | undefined | null>;

/** `/teams` + `{ q: 'acme', limit: 50 }` → `/teams?q=acme&limit=50`; empty values are left out. */
export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

export async function apiFetch(method: string, path: string, options: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
  const res = await fetch(`${API_BASE}${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  if (!res.ok) {
    const error = await ApiError.from(res);
    if (res.status === 401 && path !== '/session') onUnauthorized();
    throw error;
  }
  return res;
}

export async function api<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const res = await apiFetch(method, path, options);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

export const apiGet = <T>(path: string, query?: Query, signal?: AbortSignal) =>
  api<T>('GET', withQuery(path, query), { signal });
