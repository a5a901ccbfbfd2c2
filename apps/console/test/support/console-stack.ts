import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type AppProcess, startAppProcess, testRedisPrefix } from '@switchyard/testing';
import { ensureConsoleBuilt } from './console-build';

/**
 * The stack the console drives: billing serving the built console (CONSOLE_DIR) with the admin
 * API, a gateway on the simulated provider, all as real processes on this run's Postgres and a
 * Redis prefix of their own. (The simulator runs as its own app: the console's specs may not
 * load the gateway's libraries, see eslint.config.mjs.)
 */
export interface ConsoleStack {
  billing: AppProcess;
  gateway: AppProcess;
  consoleUrl: string;
  adminToken: string;
  /** A call to billing's admin API with the bootstrap token, for a spec's setup and checks beside the browser. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

export async function startConsoleStack(billingEnv: Record<string, string> = {}): Promise<ConsoleStack> {
  const consoleDir = ensureConsoleBuilt();
  const adminToken = `root-${randomBytes(24).toString('hex')}`;
  const spoolDir = mkdtempSync(join(tmpdir(), 'switchyard-console-spool-'));
  const shared = {
    DATABASE_URL: process.env.DATABASE_URL as string,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: testRedisPrefix(`console-e2e-${randomBytes(4).toString('hex')}`),
  };
  const simulator = await startAppProcess('simulator', {});
  const started = await Promise.allSettled([
    startAppProcess('billing', { ...shared, ADMIN_TOKEN: adminToken, CONSOLE_DIR: consoleDir, ...billingEnv }),
    startAppProcess('gateway', {
      ...shared,
      SIMULATED_PROVIDER_URL: `${simulator.url}/v1`,
      OPENAI_API_KEY: '',
      ANTHROPIC_API_KEY: '',
      USAGE_SPOOL_DIR: spoolDir,
    }),
  ]);
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    // Nothing may keep running when the stack could not start: the spec's afterAll has no stack to stop.
    await Promise.all(
      [simulator, ...started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []))].map((p) => p.stop()),
    );
    rmSync(spoolDir, { recursive: true, force: true });
    throw failed.reason;
  }
  const [billing, gateway] = started.map((s) => (s as PromiseFulfilledResult<AppProcess>).value);
  return {
    billing,
    gateway,
    consoleUrl: `${billing.url}/console/`,
    adminToken,
    async admin(method, path, body) {
      const res = await fetch(`${billing.url}/admin/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${adminToken}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    async stop() {
      await Promise.all([billing.stop(), gateway.stop(), simulator.stop()]);
      rmSync(spoolDir, { recursive: true, force: true });
    },
  };
}
