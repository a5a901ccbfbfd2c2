import { randomBytes } from 'node:crypto';
import { type AppProcess, startAppProcess, testRedisPrefix } from '@switchyard/testing';

/** Response bodies are whatever JSON the API sent; specs assert their whole shape. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

export interface AdminResponse<T = Json> {
  status: number;
  body: T;
  headers: Headers;
}

export interface AdminStack {
  billing: AppProcess;
  url: string;
  redisPrefix: string;
  /** The bootstrap (write, all-teams) admin token. */
  rootToken: string;
  call<T = Json>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; rawBody?: string; idempotencyKey?: string },
  ): Promise<AdminResponse<T>>;
  stop(): Promise<void>;
}

/** Billing as a real process on this run's Postgres and a Redis prefix of its own, with ADMIN_TOKEN set. */
export async function startAdminStack(env: Record<string, string> = {}): Promise<AdminStack> {
  const redisPrefix = testRedisPrefix('admin-e2e');
  const rootToken = `root-${randomBytes(24).toString('hex')}`;
  const billing = await startAppProcess('billing', {
    DATABASE_URL: process.env.DATABASE_URL as string,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: redisPrefix,
    ADMIN_TOKEN: rootToken,
    ...env,
  });
  const url = billing.url;
  return {
    billing,
    url,
    redisPrefix,
    rootToken,
    async call(method, path, options = {}) {
      const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? rootToken}` };
      // rawBody: JSON text sent as it is (JSON.stringify cannot write every hostile body).
      const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
      if (body !== undefined) headers['content-type'] = 'application/json';
      if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
      const res = await fetch(`${url}/admin/v1${path}`, {
        method,
        headers,
        body,
      });
      const text = await res.text();
      const isJson = (res.headers.get('content-type') ?? '').includes('json');
      return { status: res.status, body: isJson && text ? JSON.parse(text) : text, headers: res.headers };
    },
    async stop() {
      await billing.stop();
    },
  };
}

/** A team created through the admin API, with one key (plaintext kept for gateway calls). */
export async function createTeamWithKey(
  stack: AdminStack,
  name = `team-${randomBytes(3).toString('hex')}`,
): Promise<{ teamId: string; keyId: string; apiKey: string }> {
  const team = await stack.call('POST', '/teams', { body: { name } });
  if (team.status !== 201) throw new Error(`team create: ${team.status} ${JSON.stringify(team.body)}`);
  const key = await stack.call('POST', `/teams/${team.body.id}/keys`, { body: { name: 'k1' } });
  if (key.status !== 201) throw new Error(`key create: ${key.status} ${JSON.stringify(key.body)}`);
  return { teamId: team.body.id, keyId: key.body.id, apiKey: key.body.key };
}
