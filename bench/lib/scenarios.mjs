// The measured scenarios. Each takes the running stack (see run.mjs) and returns plain data.
import { processGroups, startCpuSplit } from './machine.mjs';
import { rssMb, sampleRss } from './processes.mjs';
import { runLoad } from './load.mjs';
import { runStreams } from './streams.mjs';

export const CHAT_BODY = JSON.stringify({ model: 'bench-core', messages: [{ role: 'user', content: 'Say hello to the benchmark.' }], max_tokens: 16 });
export const STREAM_BODY = JSON.stringify({ model: 'bench-core', messages: [{ role: 'user', content: 'Stream hello to the benchmark.' }], max_tokens: 64, stream: true });

function targets(stack) {
  return {
    direct: { url: `${stack.upstreamUrl}/chat/completions`, headers: {} },
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
 * Alternating A/B rounds (direct, then through) at each fixed rate and at saturation. Every round
 * also reads the CPU time of each process involved before and after: CPU µs per request.
 */
export async function runOverhead(stack, { rates, rounds, durationSec, connections }, log) {
  const t = targets(stack);
  const results = [];
  for (const rate of [...rates, null]) {
    for (let round = 1; round <= rounds; round++) {
      for (const side of ['direct', 'through']) {
        log(`overhead ${rate ? `${rate} req/s` : 'saturation'} round ${round}/${rounds}: ${side}`);
        const rss = side === 'through' ? sampleRss(stack.gatewayPid) : null;
        const cpu = startCpuSplit(processGroups(stack));
        const run = await runLoad({ ...t[side], body: CHAT_BODY, rate, durationSec, connections });
        const cpuUsPerRequest = cpu.stop(run.requests + run.non2xx);
        const extra = side === 'through' ? { gatewayCpuUsPerRequest: cpuUsPerRequest.gateway, cpuUsPerRequest, gatewayRssPeakMb: rss.stop().peakMb } : { cpuUsPerRequest };
        results.push({ side, rate, round, ...run, ...extra });
      }
    }
  }
  return results;
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
