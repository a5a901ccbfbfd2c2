// The environment every step and app of the local stack runs with: the caller's variables win,
// the documented defaults fill the gaps. A second stack beside the first only needs other ports,
// another DATABASE_URL and REDIS_PREFIX (see the README).
import { randomBytes } from 'node:crypto';
import { RUNTIME_ENV } from './app-runtime.mjs';

/** Started in this order (the gateway calls the simulator and feeds billing); stopped in reverse. */
export const APPS = [
  { name: 'simulator', portVar: 'SIMULATOR_PORT', defaultPort: 3002, baseUrlPath: '/v1' },
  { name: 'billing', portVar: 'BILLING_PORT', defaultPort: 3001, baseUrlPath: '/admin/v1' },
  { name: 'gateway', portVar: 'GATEWAY_PORT', defaultPort: 3000, baseUrlPath: '/v1' },
];

/** Returns the stack's environment and whether ADMIN_TOKEN was made up for this run. */
export function stackEnv(callerEnv) {
  const given = Object.fromEntries(
    Object.entries(callerEnv).filter(([, value]) => value !== undefined && value !== ''),
  );
  const simulatorPort = given.SIMULATOR_PORT ?? '3002';
  const defaults = {
    ...RUNTIME_ENV,
    NODE_ENV: 'development',
    DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/switchyard',
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_PREFIX: 'sy',
    GATEWAY_PORT: '3000',
    BILLING_PORT: '3001',
    SIMULATOR_PORT: simulatorPort,
    SIMULATED_PROVIDER_URL: `http://127.0.0.1:${simulatorPort}/v1`,
    CATALOG_PATH: 'config/catalog.yaml',
    // Billing refuses to start without an admin secret; a random one per run beats a known default.
    ADMIN_TOKEN: randomBytes(24).toString('base64url'),
  };
  return { env: { ...defaults, ...given }, generatedAdminToken: given.ADMIN_TOKEN === undefined };
}

export function appPort(app, env) {
  return Number(env[app.portVar]);
}

/** STACK_RESTARTS_PER_MINUTE: how many times a crashed app is restarted within a minute (0: never). */
export function restartsPerMinute(env) {
  const text = env.STACK_RESTARTS_PER_MINUTE ?? '5';
  if (!/^\d+$/.test(text)) throw new Error(`STACK_RESTARTS_PER_MINUTE must be a whole number, not "${text}"`);
  return Number(text);
}
