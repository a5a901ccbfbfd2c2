// `npm run bench -- --streams [--quick]`: the streaming scenarios alone, side by side in one run:
// direct, the bare proxy, the gateway and, when BENCH_BASE_ROOT names another checkout with a
// built dist/ (the A/B's "before"), that checkout's gateway on the same stack. Every side's hop
// process has its CPU counted around each run. `--profile --streams` profiles the gateway while it
// relays 1,000 streams instead.
import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { summarizeProfile } from '../summarize-profile.mjs';
import { runLlmStreams } from './llm-streams.mjs';
import { runLoad } from './load.mjs';
import { startCpuSplit } from './machine.mjs';
import { sampleRss } from './processes.mjs';
import { log, QUICK, RESULTS, stamp } from './run-settings.mjs';
import { CHAT_BODY, STREAM_BODY, warmUp } from './scenarios.mjs';
import { runStreams } from './streams.mjs';

const LLM_COUNTS = QUICK ? [250, 1000] : [250, 500, 1000, 2000];

function sides(stack) {
  const gatewayHeaders = { authorization: `Bearer ${stack.apiKey}` };
  const all = [
    { side: 'direct', url: `${stack.upstreamUrl}/chat/completions`, headers: {}, pid: stack.upstreamPid },
    { side: 'proxy', url: `${stack.proxyUrl}/v1/chat/completions`, headers: {}, pid: stack.proxyPid },
    { side: 'gateway', url: `${stack.gatewayUrl}/v1/chat/completions`, headers: gatewayHeaders, pid: stack.gatewayPid },
  ];
  if (stack.baseUrl)
    all.push({
      side: 'base',
      url: `${stack.baseUrl}/v1/chat/completions`,
      headers: gatewayHeaders,
      pid: stack.basePid,
    });
  return all;
}

/** Runs `fn` for every side in turn, with that side's hop CPU (ms) and RSS peak (MB) around it. */
async function eachSide(stack, label, fn) {
  const rows = [];
  for (const s of sides(stack)) {
    const cpu = startCpuSplit({ hop: [s.pid] });
    const rss = sampleRss(s.pid);
    const result = await fn(s);
    const hopCpuMs = cpu.stop(1).hop / 1000;
    const row = { scenario: label, side: s.side, ...result, hopCpuMs, rssPeakMb: rss.stop().peakMb };
    log(`${label} ${s.side}: ${JSON.stringify(row, (k, v) => (typeof v === 'number' ? Number(v.toFixed(2)) : v))}`);
    rows.push(row);
  }
  return rows;
}

export async function streamsOnly(stack) {
  await warmUp(stack, 2, log);
  if (stack.baseUrl)
    await runLoad({
      url: `${stack.baseUrl}/v1/chat/completions`,
      headers: sides(stack)[3].headers,
      body: CHAT_BODY,
      durationSec: 2,
      connections: 32,
    });
  const rows = [];
  const durationSec = QUICK ? 4 : 6;
  for (const concurrency of [200, 1000]) {
    rows.push(
      ...(await eachSide(stack, `streams-${concurrency}`, (s) =>
        runStreams({ ...s, body: STREAM_BODY, concurrency, durationSec }),
      )),
    );
  }
  rows.push(
    ...(await eachSide(stack, 'plain-saturation', async (s) => {
      const run = await runLoad({ ...s, body: CHAT_BODY, durationSec, connections: 32 });
      return { requests: run.requests, rps: run.rps, p50: run.p50, non2xx: run.non2xx };
    })),
  );
  for (const count of LLM_COUNTS)
    rows.push(...(await eachSide(stack, `llm-${count}`, (s) => runLlmStreams({ ...s, count }))));
  const markdown = streamsReport(rows);
  await writeFile(join(RESULTS, `${stamp}-streams.json`), JSON.stringify(rows, null, 2));
  await writeFile(join(RESULTS, `${stamp}-streams.md`), markdown);
  console.log(`\n${markdown}`);
}

const f = (v, digits = 0) => (Number.isFinite(v) ? v.toFixed(digits) : '–');

function streamsReport(rows) {
  const by = (scenario, side) => rows.find((r) => r.scenario === scenario && r.side === side);
  const out = [
    '| Scenario | Side | Events/s or req/s | TTFT p50/p99 (ms) | CPU µs per event | CPU µs per request or stream | RSS peak MB | Errors |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    if (r.scenario.startsWith('llm')) continue;
    const plain = r.scenario === 'plain-saturation';
    const served = plain ? r.requests : r.streams + r.errors;
    out.push(
      `| ${r.scenario} | ${r.side} | ${f(plain ? r.rps : r.eventsPerSec)} | ${plain ? '–' : `${f(r.ttftP50, 2)} / ${f(r.ttftP99, 2)}`} | ${plain ? '–' : f((r.hopCpuMs * 1000) / r.events, 1)} | ${f((r.hopCpuMs * 1000) / served)} | ${f(r.rssPeakMb)} | ${plain ? r.non2xx : r.errors} |`,
    );
  }
  out.push(
    '',
    '| LLM streams | Side | Inter-chunk gap p50/p99 (ms) | Added over direct p50/p99 (ms) | TTFT p50/p99 (ms) | Hop CPU (% of a core) | CPU µs per event | RSS peak MB | Errors |',
    '|---|---|---|---|---|---|---|---|---|',
  );
  for (const r of rows.filter((x) => x.scenario.startsWith('llm'))) {
    const direct = by(r.scenario, 'direct');
    out.push(
      `| ${r.count} | ${r.side} | ${f(r.gapP50, 2)} / ${f(r.gapP99, 2)} | ${f(r.gapP50 - direct.gapP50, 2)} / ${f(r.gapP99 - direct.gapP99, 2)} | ${f(r.ttftP50, 2)} / ${f(r.ttftP99, 2)} | ${f((r.hopCpuMs / (r.elapsedSec * 1000)) * 100)} | ${f((r.hopCpuMs * 1000) / r.events, 1)} | ${f(r.rssPeakMb)} | ${r.errors} |`,
    );
  }
  return out.join('\n');
}

/** `--profile --streams [--llm]`: the gateway under --cpu-prof relaying 1,000 streams (or 500 LLM-shaped ones). */
export async function profileStreams(stack) {
  await warmUp(stack, 2, log);
  const fromUs = Number(process.hrtime.bigint() / 1000n);
  const [gateway] = sides(stack).filter((s) => s.side === 'gateway');
  const llm = process.argv.includes('--llm');
  const run = llm
    ? await runLlmStreams({ ...gateway, count: 500 })
    : await runStreams({ ...gateway, body: STREAM_BODY, concurrency: 1000, durationSec: 10 });
  const toUs = Number(process.hrtime.bigint() / 1000n);
  const rate = llm ? run.events / run.elapsedSec : run.eventsPerSec;
  await stack.gateway.stop('SIGUSR2');
  const file = (await readdir(stack.profileDir)).find((name) => name.endsWith('.cpuprofile'));
  const markdown = await summarizeProfile(join(stack.profileDir, file), {
    title: `Gateway CPU profile relaying ${llm ? '500 LLM-shaped' : '1,000'} streams (${Math.round(rate)} events/s)`,
    fromUs,
    toUs,
  });
  await writeFile(join(RESULTS, `${stamp}-streams-profile.md`), markdown);
  log(`wrote bench/results/${stamp}-streams-profile.md`);
}
