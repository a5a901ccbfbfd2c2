// The measured scenarios. Each takes the running stack (see run.mjs) and returns plain data.
import { processGroups, startCpuSplit } from './machine.mjs';
import { ioSyscalls, rssMb, sampleRss } from './processes.mjs';
import { runLoad } from './load.mjs';
import { runStreams } from './streams.mjs';

export const CHAT_BODY = JSON.stringify({
  model: 'bench-core',
  messages: [{ role: 'user', content: 'Say hello to the benchmark.' }],
  max_tokens: 16,
});
export const STREAM_BODY = JSON.stringify({
  model: 'bench-core',
  messages: [{ role: 'user', content: 'Stream hello to the benchmark.' }],
  max_tokens: 64,
  stream: true,
});

/** CHAT_BODY through POST /v1/messages (Anthropic's Messages API). */
export const MESSAGES_BODY = JSON.stringify({
  model: 'bench-core',
  messages: [{ role: 'user', content: 'Say hello to the benchmark.' }],
  max_tokens: 16,
});

/** 16 short texts, as a retrieval backend embeds a page of chunks; base64, the openai SDK's default. */
export const EMBEDDINGS_BODY = JSON.stringify({
  model: 'bench-embed',
  input: Array.from({ length: 16 }, (_, i) => `Chunk ${i} of the benchmark document: a short passage to embed.`),
  encoding_format: 'base64',
});

function targets(stack) {
  return {
    direct: { url: `${stack.upstreamUrl}/chat/completions`, headers: {} },
    proxy: { url: `${stack.proxyUrl}/v1/chat/completions`, headers: {} },
    through: { url: `${stack.gatewayUrl}/v1/chat/completions`, headers: { authorization: `Bearer ${stack.apiKey}` } },
  };
}

/** Warms the JIT, pools and the key cache on both paths, unmeasured. */
export async function warmUp(stack, seconds, log) {
  for (const [name, target] of Object.entries(targets(stack))) {
    log(`warm-up ${name} (${seconds} s)`);
    await runLoad({ ...target, body: CHAT_BODY, durationSec: seconds, connections: 32 });
  }
}

/**
 * Alternating rounds (direct, bare proxy, through the gateway) at each fixed rate and at
 * saturation. Every round also reads the CPU time of each process involved before and after (CPU
 * µs per request), and the gateway's or the bare proxy's read and write system calls.
 */
export async function runOverhead(stack, { rates, rounds, durationSec, connections }, log) {
  const t = targets(stack);
  const results = [];
  for (const rate of [...rates, null]) {
    for (let round = 1; round <= rounds; round++) {
      for (const side of ['direct', 'proxy', 'through']) {
        log(`overhead ${rate ? `${rate} req/s` : 'saturation'} round ${round}/${rounds}: ${side}`);
        const rss = side === 'through' ? sampleRss(stack.gatewayPid) : null;
        const hopPid = side === 'proxy' ? stack.proxyPid : stack.gatewayPid;
        const measured = await measuredRun(
          { ...t[side], rate, durationSec, connections },
          { ...processGroups(stack), 'bare proxy': [stack.proxyPid] },
          hopPid,
        );
        const { run, syscallsPerRequest } = measured;
        const { 'bare proxy': proxyCpuUsPerRequest, ...cpuUsPerRequest } = measured.cpuUsPerRequest;
        const extra = {
          direct: { cpuUsPerRequest },
          proxy: { proxyCpuUsPerRequest, proxySyscallsPerRequest: syscallsPerRequest, cpuUsPerRequest },
          through: {
            gatewayCpuUsPerRequest: cpuUsPerRequest.gateway,
            gatewaySyscallsPerRequest: syscallsPerRequest,
            cpuUsPerRequest,
            gatewayRssPeakMb: rss?.stop().peakMb,
          },
        }[side];
        results.push({ side, rate, round, ...run, ...extra });
      }
    }
  }
  return results;
}

/**
 * One load run of the chat body, with the CPU of each process group and the read and write
 * system calls of `hopPid` (the gateway or the bare proxy) counted around it, per answer.
 */
async function measuredRun(load, groups, hopPid) {
  const cpu = startCpuSplit(groups);
  const syscallsBefore = ioSyscalls(hopPid);
  const run = await runLoad({ body: CHAT_BODY, ...load });
  const served = run.requests + run.non2xx;
  const syscallsAfter = ioSyscalls(hopPid);
  const syscallsPerRequest = {
    reads: (syscallsAfter.reads - syscallsBefore.reads) / served,
    writes: (syscallsAfter.writes - syscallsBefore.writes) / served,
  };
  return { run, cpuUsPerRequest: cpu.stop(served), syscallsPerRequest };
}

/**
 * Through the gateway only, `rounds` times, at saturation or paced at `rate`: latency, the
 * gateway's CPU µs and I/O system calls per request, for quick A/B comparisons of a hot-path
 * change (`npm run bench -- --saturation [--rate=N]`).
 */
export async function runSaturation(stack, { rounds, durationSec, connections, rate = null }, log) {
  const { through } = targets(stack);
  const results = [];
  for (let round = 1; round <= rounds; round++) {
    const {
      run,
      cpuUsPerRequest,
      syscallsPerRequest: syscalls,
    } = await measuredRun({ ...through, durationSec, connections, rate }, processGroups(stack), stack.gatewayPid);
    const result = {
      round,
      rps: run.rps,
      p50: run.p50,
      p99: run.p99,
      gatewayCpuUsPerRequest: cpuUsPerRequest.gateway,
      cpuUsPerRequest,
      gatewaySyscallsPerRequest: syscalls,
      non2xx: run.non2xx,
    };
    const { gateway, ...others } = cpuUsPerRequest;
    const stackCpu = Object.values(cpuUsPerRequest).reduce((sum, us) => sum + us, 0);
    log(
      `${rate ? `${rate} req/s` : 'saturation'} round ${round}/${rounds}: ${Math.round(result.rps)} req/s, p50 ${run.p50.toFixed(2)} ms, p99 ${run.p99.toFixed(2)} ms, gateway ${Math.round(gateway)} µs CPU and ${syscalls.reads.toFixed(2)} reads + ${syscalls.writes.toFixed(2)} writes per request, ${run.non2xx} non-2xx`,
    );
    log(
      `  CPU µs per request: stack ${Math.round(stackCpu)} = gateway ${Math.round(gateway)} + ${Object.entries(others)
        .map(([name, us]) => `${name} ${Math.round(us)}`)
        .join(' + ')}`,
    );
    results.push(result);
  }
  return results;
}

/**
 * Another route's scenario beside chat, through the gateway, alternating, at saturation: req/s,
 * latency and the CPU µs per request of each process, in the same run.
 */
async function runBesideChat(stack, { rounds, durationSec, connections }, log, [kind, path, body]) {
  const { through } = targets(stack);
  const other = { ...through, url: `${stack.gatewayUrl}${path}` };
  const results = [];
  for (let round = 1; round <= rounds; round++) {
    for (const [name, target, payload] of [
      ['chat', through, CHAT_BODY],
      [kind, other, body],
    ]) {
      const { run, cpuUsPerRequest } = await measuredRun(
        { ...target, body: payload, durationSec, connections },
        processGroups(stack),
        stack.gatewayPid,
      );
      log(
        `${name} round ${round}/${rounds}: ${Math.round(run.rps)} req/s, p50 ${run.p50.toFixed(2)} ms, p99 ${run.p99.toFixed(2)} ms, CPU µs per request ${Object.entries(
          cpuUsPerRequest,
        )
          .map(([process, us]) => `${process} ${Math.round(us)}`)
          .join(', ')}, ${run.non2xx} non-2xx`,
      );
      results.push({
        kind: name,
        round,
        rps: run.rps,
        p50: run.p50,
        p99: run.p99,
        non2xx: run.non2xx,
        cpuUsPerRequest,
      });
    }
  }
  return results;
}

/** Embeddings (a batch of 16 short texts) beside chat. */
export function runEmbeddings(stack, settings, log) {
  return runBesideChat(stack, settings, log, ['embeddings (16 inputs)', '/v1/embeddings', EMBEDDINGS_BODY]);
}

/** The chat request as an Anthropic Messages API request, beside chat: the two doors' cost on one pipeline. */
export function runMessages(stack, settings, log) {
  return runBesideChat(stack, settings, log, ['messages', '/v1/messages', MESSAGES_BODY]);
}

/** TTFT and relay throughput, direct vs through, at each concurrency (streams kept open). */
export async function runStreaming(stack, { concurrencies, durationSec }, log) {
  const t = targets(stack);
  const results = [];
  for (const concurrency of concurrencies) {
    for (const side of ['direct', 'through']) {
      log(`streaming ${concurrency} concurrent streams: ${side}`);
      const rss = side === 'through' ? sampleRss(stack.gatewayPid) : null;
      const run = await runStreams({ ...t[side], body: STREAM_BODY, concurrency, durationSec });
      results.push({ side, ...run, ...(rss ? { gatewayRssPeakMb: rss.stop().peakMb } : {}) });
    }
  }
  return results;
}

export function restingRss(stack) {
  return rssMb(stack.gatewayPid);
}
