#!/usr/bin/env node
// `npm run bench [-- --quick] [-- --profile]`: builds dist/, creates its own database
// (sy_bench_<ts>, migrated with `npm run db:migrate`) and Redis prefix, starts the fake upstream,
// billing and gateway as real processes on free loopback ports, runs the scenarios and writes
// bench/results/<ts>.md and .json. --profile instead runs the gateway under `node --cpu-prof` at
// saturation and writes bench/results/<ts>-profile.md (see summarize-profile.mjs). --saturation
// only prints the gateway's CPU and system calls per request, and every process's CPU per
// request, at saturation (or paced at --rate=N req/s), 3 rounds, for A/B checks of a hot-path change.
// --embeddings only runs the embeddings scenario (a batch of 16 short texts) beside chat.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { build } from '../scripts/build.mjs';
import { NODE_ARGS, RUNTIME_ENV } from '../scripts/stack/app-runtime.mjs';
import { runBillingScenario } from './lib/billing.mjs';
import { markdownReport, summarizeOverhead, targetsTable } from './lib/report.mjs';
import { loopbackRoundTripCost, startCpuSplit } from './lib/machine.mjs';
import { freePort, rssMb, startProcess } from './lib/processes.mjs';
import {
  CHAT_BODY,
  restingRss,
  runEmbeddings,
  runOverhead,
  runSaturation,
  runStreaming,
  warmUp,
} from './lib/scenarios.mjs';
import { createDatabase, createTeams, distRequire, dropDatabase, migrate } from './lib/stack.mjs';
import { runLoad } from './lib/load.mjs';
import { summarizeProfile } from './summarize-profile.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const RESULTS = join(ROOT, 'bench/results');
const QUICK = process.argv.includes('--quick');
const PROFILE = process.argv.includes('--profile');
const SATURATION = process.argv.includes('--saturation');
const EMBEDDINGS = process.argv.includes('--embeddings');
/** `--saturation --rate=N`: the same rounds paced at N req/s instead. */
const RATE = Number(process.argv.find((a) => a.startsWith('--rate='))?.slice('--rate='.length)) || null;
const MODE = {
  full: {
    rates: [50, 200, 500, 1000],
    rounds: 2,
    durationSec: 8,
    connections: 32,
    warmSec: 3,
    streams: [10, 200, 1000],
    streamSec: 6,
    billingEvents: 20_000,
  },
  quick: {
    rates: [50, 200, 500, 1000],
    rounds: 1,
    durationSec: 3,
    connections: 32,
    warmSec: 2,
    streams: [10, 200, 1000],
    streamSec: 3,
    billingEvents: 5_000,
  },
}[QUICK ? 'quick' : 'full'];
const STREAM_CHUNKS = 20;
const STREAM_DELAY_MS = 10;
const GRANT_MICRO = 1_000_000_000n * 1_000_000n;
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');
const log = (line) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

const dbUrl = `postgresql://postgres@127.0.0.1:5432/sy_bench_${stamp.replace('-', '_')}`;
const redisUrl = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const redisPrefix = `sybench-${stamp}-${randomBytes(3).toString('hex')}`;
// The gateway's usage spool and journal, this run's own.
const spoolDir = join(tmpdir(), `sybench-spool-${stamp}-${randomBytes(3).toString('hex')}`);
const processes = [];

async function start(name, args, env) {
  const port = await freePort();
  const proc = await startProcess(name, args, {
    cwd: ROOT,
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

async function startStack(libs) {
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
  const gateway = await start('gateway', [...profileArgs, ...NODE_ARGS.gateway, 'dist/apps/gateway/src/main.js'], {
    ...shared,
    GATEWAY_HOST: '127.0.0.1',
    CATALOG_PATH: join(ROOT, 'bench/catalog.yaml'),
    SIMULATED_PROVIDER_URL: `http://127.0.0.1:${upstream.port}/v1`,
    USAGE_SPOOL_DIR: spoolDir,
    OPENAI_API_KEY: '',
  });
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
    billingPid: billing.pid,
    upstreamPid: upstream.pid,
    apiKey: loadTeam.apiKey,
  };
}

async function runBilling(libs, stack) {
  const pgClient = new pg.Client({ connectionString: dbUrl });
  await pgClient.connect();
  try {
    const results = [];
    for (const [name, teamCount] of [
      ['hot-team', 1],
      ['1000-teams', 1000],
    ]) {
      log(`billing ${name}: creating ${teamCount} team(s)`);
      const teams = await createTeams(libs, stack.prisma, teamCount, GRANT_MICRO);
      const billedPerTeam = new Map();
      for (const mode of ['drain', 'live']) {
        log(`billing ${name} (${mode}): ${MODE.billingEvents} events`);
        results.push(
          await runBillingScenario({
            libs,
            redisUrl,
            redisPrefix,
            pgClient,
            name,
            mode,
            teams,
            billedPerTeam,
            events: MODE.billingEvents,
            grantMicro: GRANT_MICRO,
          }),
        );
      }
    }
    return results;
  } finally {
    await pgClient.end();
  }
}

async function profile(stack) {
  await warmUp(stack, MODE.warmSec, log);
  log('profiling the gateway at saturation (15 s)');
  const fromUs = Number(process.hrtime.bigint() / 1000n);
  const run = await runLoad({
    url: `${stack.gatewayUrl}/v1/chat/completions`,
    headers: { authorization: `Bearer ${stack.apiKey}` },
    body: CHAT_BODY,
    durationSec: 15,
    connections: 32,
  });
  const toUs = Number(process.hrtime.bigint() / 1000n);
  await stack.gateway.stop('SIGUSR2');
  const file = (await readdir(stack.profileDir)).find((f) => f.endsWith('.cpuprofile'));
  const markdown = await summarizeProfile(join(stack.profileDir, file), {
    title: `Gateway CPU profile at saturation (${Math.round(run.rps)} req/s through, ${run.requests} requests)`,
    fromUs,
    toUs,
  });
  await writeFile(join(RESULTS, `${stamp}-profile.md`), markdown);
  log(`wrote bench/results/${stamp}-profile.md (raw: ${join('bench/results', `${stamp}-cpuprofile`, file)})`);
}

/** CPU ms per second each app process spends with no traffic (timers, monitors, pollers). */
async function idleCpu(stack, seconds) {
  await new Promise((r) => setTimeout(r, 2000)); // let billing drain the warm-up's events
  const cpu = startCpuSplit({ gateway: [stack.gatewayPid], billing: [stack.billingPid] });
  await new Promise((r) => setTimeout(r, seconds * 1000));
  // µs per "request" with the seconds as the requests: µs per second.
  return Object.fromEntries(Object.entries(cpu.stop(seconds)).map(([name, usPerSecond]) => [name, usPerSecond / 1000]));
}

async function saturation(stack) {
  await warmUp(stack, MODE.warmSec, log);
  const idle = await idleCpu(stack, 3);
  log(
    `at rest: ${Object.entries(idle)
      .map(([name, msPerSec]) => `${name} ${msPerSec.toFixed(1)} ms`)
      .join(', ')} of CPU per second`,
  );
  const rounds = await runSaturation(
    stack,
    { rounds: 3, durationSec: 8, connections: MODE.connections, rate: RATE },
    log,
  );
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  log(
    `median: gateway ${Math.round(median(rounds.map((r) => r.gatewayCpuUsPerRequest)))} µs CPU per request, ${Math.round(median(rounds.map((r) => r.rps)))} req/s`,
  );
}

/** `--embeddings`: the embeddings scenario beside chat, briefly, printed (no report written). */
async function embeddingsOnly(stack) {
  await warmUp(stack, MODE.warmSec, log);
  await runEmbeddings(stack, { rounds: 2, durationSec: 4, connections: 16 }, log);
}

async function measure(libs, stack) {
  const meta = {
    startedAt: new Date().toISOString(),
    mode: QUICK ? 'quick' : 'full',
    node: process.version,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    loadAverage: loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
    streamChunks: STREAM_CHUNKS,
    streamDelayMs: STREAM_DELAY_MS,
    config: MODE,
  };
  const memory = { restMb: restingRss(stack) };
  log('machine: loopback round-trip cost');
  meta.loopback = await loopbackRoundTripCost();
  const billing = await runBilling(libs, stack);
  await warmUp(stack, MODE.warmSec, log);
  memory.warmMb = rssMb(stack.gatewayPid);
  const overheadRaw = await runOverhead(stack, MODE, log);
  const streamingRaw = await runStreaming(stack, { concurrencies: MODE.streams, durationSec: MODE.streamSec }, log);
  const embeddings = await runEmbeddings(stack, MODE, log);
  memory.peakMb = Math.max(
    ...overheadRaw.filter((r) => r.gatewayRssPeakMb).map((r) => r.gatewayRssPeakMb),
    ...streamingRaw.filter((s) => s.gatewayRssPeakMb).map((s) => s.gatewayRssPeakMb),
  );
  const summary = { overhead: summarizeOverhead(overheadRaw), streaming: streamingRaw, billing, memory, embeddings };
  summary.targets = targetsTable(summary);
  const report = { meta, summary, raw: { overhead: overheadRaw } };
  await writeFile(join(RESULTS, `${stamp}.json`), JSON.stringify(report, null, 2));
  await writeFile(join(RESULTS, `${stamp}.md`), markdownReport(report));
  log(`wrote bench/results/${stamp}.md and .json`);
  console.log(`\n${markdownReport(report)}`);
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

async function cleanUp(stack, libs) {
  await stack?.prisma.$disconnect().catch(() => undefined);
  for (const proc of processes.reverse()) await proc.stop().catch(() => undefined);
  await rm(spoolDir, { recursive: true, force: true });
  await deleteRedisKeys(libs).catch((err) =>
    log(`could not delete the bench Redis keys (${redisPrefix}*): ${err.message}`),
  );
  await dropDatabase(dbUrl).catch((err) => log(`could not drop the bench database: ${err.message}`));
}

async function main() {
  await mkdir(RESULTS, { recursive: true });
  await build({ log });
  const libs = distRequire(ROOT);
  log(`database ${new URL(dbUrl).pathname.slice(1)}, Redis prefix ${redisPrefix}`);
  await createDatabase(dbUrl);
  let stack;
  try {
    await migrate(ROOT, { ...process.env, DATABASE_URL: dbUrl });
    stack = await startStack(libs);
    if (EMBEDDINGS) await embeddingsOnly(stack);
    else await (PROFILE ? profile(stack) : SATURATION ? saturation(stack) : measure(libs, stack));
  } finally {
    await cleanUp(stack, libs);
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(`bench failed: ${err?.stack ?? err}`);
    for (const proc of processes) console.error(`--- ${proc.name} output (tail) ---\n${proc.output().slice(-3000)}`);
    process.exit(1);
  },
);
