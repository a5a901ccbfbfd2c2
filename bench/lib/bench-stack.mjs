// The bench's stack: fake upstream, bare proxy, billing and gateway as real processes on free
// loopback ports, and the clean-up that stops them and drops what the run created.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { NODE_ARGS, RUNTIME_ENV } from '../../scripts/stack/app-runtime.mjs';
import { freePort, startProcess } from './processes.mjs';
import {
  BASE_ROOT,
  dbUrl,
  GRANT_MICRO,
  log,
  PROFILE,
  redisPrefix,
  redisUrl,
  RESULTS,
  ROOT,
  spoolDir,
  stamp,
  STREAM_CHUNKS,
  STREAM_DELAY_MS,
} from './run-settings.mjs';
import { createTeams, dropDatabase } from './stack.mjs';

/** Every process started, for clean-up and for the output shown when the run fails. */
export const processes = [];

async function start(name, args, env, cwd = ROOT) {
  const port = await freePort();
  const proc = await startProcess(name, args, {
    cwd,
    port,
    env: {
      ...process.env,
      ...RUNTIME_ENV,
      ...env,
      PORT: String(port),
      GATEWAY_PORT: String(port),
      BILLING_PORT: String(port),
    },
  });
  processes.push(proc);
  log(`${name} listening on 127.0.0.1:${port} (pid ${proc.pid})`);
  return proc;
}

export async function startStack(libs) {
  const shared = {
    NODE_ENV: 'production',
    DATABASE_URL: dbUrl,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: redisPrefix,
    ADMIN_TOKEN: randomBytes(24).toString('base64url'),
  };
  const upstream = await start('fake-upstream', ['bench/fake-upstream.mjs'], {
    STREAM_CHUNKS: String(STREAM_CHUNKS),
    STREAM_DELAY_MS: String(STREAM_DELAY_MS),
  });
  const proxy = await start('bare-proxy', ['bench/bare-proxy.mjs'], {
    UPSTREAM_URL: `http://127.0.0.1:${upstream.port}`,
  });
  const billing = await start('billing', [...NODE_ARGS.billing, 'dist/apps/billing/src/main.js'], {
    ...shared,
    BILLING_HOST: '127.0.0.1',
  });
  const profileDir = join(RESULTS, `${stamp}-cpuprofile`);
  const profileArgs = PROFILE
    ? ['--cpu-prof', '--cpu-prof-dir', profileDir, '-r', './bench/lib/exit-on-signal.js']
    : [];
  const gatewayEnv = (spool) => ({
    ...shared,
    GATEWAY_HOST: '127.0.0.1',
    CATALOG_PATH: join(ROOT, 'bench/catalog.yaml'),
    SIMULATED_PROVIDER_URL: `http://127.0.0.1:${upstream.port}/v1`,
    USAGE_SPOOL_DIR: spool,
    OPENAI_API_KEY: '',
  });
  const main = 'dist/apps/gateway/src/main.js';
  const gateway = await start('gateway', [...profileArgs, ...NODE_ARGS.gateway, main], gatewayEnv(spoolDir));
  const base = BASE_ROOT
    ? await start('base gateway', [...NODE_ARGS.gateway, main], gatewayEnv(`${spoolDir}-base`), BASE_ROOT)
    : null;
  const prisma = libs('db').createPrismaClient(dbUrl, { poolSize: 8 });
  const [loadTeam] = await createTeams(libs, prisma, 1, GRANT_MICRO);
  return {
    prisma,
    gateway,
    profileDir,
    upstreamUrl: `http://127.0.0.1:${upstream.port}/v1`,
    gatewayUrl: `http://127.0.0.1:${gateway.port}`,
    proxyUrl: `http://127.0.0.1:${proxy.port}`,
    proxyPid: proxy.pid,
    gatewayPid: gateway.pid,
    baseUrl: base && `http://127.0.0.1:${base.port}`,
    basePid: base?.pid,
    billingPid: billing.pid,
    upstreamPid: upstream.pid,
    apiKey: loadTeam.apiKey,
  };
}

async function deleteRedisKeys(libs) {
  // A `client` connection queues commands until it is connected; a producer one would fail them.
  const redis = libs('queue').createRedis(redisUrl, 'client');
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${redisPrefix}*`, 'COUNT', 5000);
      if (keys.length) await redis.unlink(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

export async function cleanUp(stack, libs) {
  await stack?.prisma.$disconnect().catch(() => undefined);
  for (const proc of processes.reverse()) await proc.stop().catch(() => undefined);
  await rm(spoolDir, { recursive: true, force: true });
  await rm(`${spoolDir}-base`, { recursive: true, force: true });
  await deleteRedisKeys(libs).catch((err) =>
    log(`could not delete the bench Redis keys (${redisPrefix}*): ${err.message}`),
  );
  await dropDatabase(dbUrl).catch((err) => log(`could not drop the bench database: ${err.message}`));
}
