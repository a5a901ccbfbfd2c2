// Load for the overhead scenario. Saturation: autocannon, closed loop (each connection sends its
// next request when the previous answer is in). Fixed rates: an open-loop pacer over an undici
// Pool, because autocannon's `overallRate` is a per-second quota: every connection sends back to
// back until the second's quota is used, then waits for the next second, so a "500 req/s" run is
// saturation bursts and its latencies are saturation latencies. Latencies are float milliseconds
// (autocannon's own histogram rounds to whole ms, too coarse for sub-millisecond overhead).
import autocannon from 'autocannon';
import { Pool } from 'undici';

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index];
}

export function summarize(samples) {
  const sorted = Float64Array.from(samples).sort();
  return {
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/**
 * One run: `rate` req/s paced (runPacedLoad), or saturation with autocannon when `rate` is null.
 * Returns latency percentiles of 2xx answers (ms), achieved req/s, and error counts.
 */
export function runLoad(options) {
  return options.rate ? runPacedLoad(options) : runSaturation(options);
}

async function runSaturation({ url, body, headers = {}, durationSec, connections }) {
  const latencies = [];
  let non2xx = 0;
  const instance = autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    connections,
    duration: durationSec,
    timeout: 10,
  });
  instance.on('response', (_client, statusCode, _bytes, responseTime) => {
    if (statusCode >= 200 && statusCode < 300) latencies.push(responseTime);
    else non2xx++;
  });
  const result = await instance;
  return {
    targetRate: null,
    requests: latencies.length,
    rps: latencies.length / (result.duration || durationSec),
    ...summarize(latencies),
    errors: result.errors + result.timeouts,
    non2xx,
  };
}

/**
 * Open loop: request i is due at start + i/rate, whatever happened to the ones before (keep-alive
 * connections from a pool; a request waits for a free one if all are busy). Its latency runs from
 * when it was due, not from when it left, so a stalled gateway or generator cannot hide its delay
 * (no coordinated omission).
 */
async function runPacedLoad({ url, body, headers = {}, rate, durationSec, connections }) {
  const { origin, pathname } = new URL(url);
  const pool = new Pool(origin, { connections, keepAliveTimeout: 30_000, headersTimeout: 10_000, bodyTimeout: 10_000 });
  const request = { path: pathname, method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body };
  const total = Math.round(rate * durationSec);
  const intervalMs = 1000 / rate;
  const latencies = [];
  const pending = [];
  let non2xx = 0;
  let errors = 0;
  const fire = (dueAt) =>
    pool.request(request).then(
      async ({ statusCode, body: answer }) => {
        await answer.arrayBuffer();
        if (statusCode >= 200 && statusCode < 300) latencies.push(performance.now() - dueAt);
        else non2xx++;
      },
      () => void errors++,
    );
  const startedAt = performance.now();
  let sent = 0;
  while (sent < total) {
    const due = Math.min(total, Math.floor((performance.now() - startedAt) / intervalMs) + 1);
    for (; sent < due; sent++) pending.push(fire(startedAt + sent * intervalMs));
    const nextAt = startedAt + sent * intervalMs;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, nextAt - performance.now())));
  }
  await Promise.all(pending);
  const elapsedSec = (performance.now() - startedAt) / 1000;
  await pool.close();
  return {
    targetRate: rate,
    requests: latencies.length,
    rps: latencies.length / elapsedSec,
    ...summarize(latencies),
    errors,
    non2xx,
  };
}
