// What a bench run measures: the full report, the gateway's CPU profile, or the saturation A/B figures.
import { readdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { summarizeProfile } from '../summarize-profile.mjs';
import { runBillingScenario } from './billing.mjs';
import { runLoad } from './load.mjs';
import { loopbackRoundTripCost, startCpuSplit } from './machine.mjs';
import { rssMb } from './processes.mjs';
import { markdownReport, summarizeOverhead, targetsTable } from './report.mjs';
import {
  dbUrl,
  GRANT_MICRO,
  log,
  MODE,
  QUICK,
  RATE,
  redisPrefix,
  redisUrl,
  RESULTS,
  stamp,
  STREAM_CHUNKS,
  STREAM_DELAY_MS,
} from './run-settings.mjs';
import {
  CHAT_BODY,
  restingRss,
  runEmbeddings,
  runMessages,
  runOverhead,
  runSaturation,
  runStreaming,
  warmUp,
} from './scenarios.mjs';
import { createTeams } from './stack.mjs';

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

export async function profile(stack) {
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

export async function saturation(stack) {
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

/** `--messages`: the Messages API door beside chat, briefly, printed (no report written). */
export async function messagesOnly(stack) {
  await warmUp(stack, MODE.warmSec, log);
  await runMessages(stack, { rounds: 3, durationSec: 4, connections: 16 }, log);
}

/** `--embeddings`: the embeddings scenario beside chat, briefly, printed (no report written). */
export async function embeddingsOnly(stack) {
  await warmUp(stack, MODE.warmSec, log);
  await runEmbeddings(stack, { rounds: 2, durationSec: 4, connections: 16 }, log);
}

export async function measure(libs, stack) {
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
