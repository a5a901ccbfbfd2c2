import { spawn } from 'node:child_process';
import { once } from 'node:events';

export interface LatencyReport {
  samples: number;
  /** Probes that got no 2xx answer (refused connection, error status, timeout). */
  failures: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export interface LatencyProbe {
  /** Resolves once the probe is warm (its first probes, not reported, are done). */
  ready: Promise<void>;
  /** Stops probing and reports every probe sent since it was ready. */
  stop(): Promise<LatencyReport>;
}

/** The p-th percentile (0–100) of `values`, nearest rank; 0 for no values. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** The probing client: GET, time to the end of the body, pause, again; latencies out on stdin's end. */
const PROBE = `
const [url, everyMs, timeoutMs, init] = process.argv.slice(1);
const WARM_UP = 5;
let warmUp = WARM_UP;
const latencies = [];
let failures = 0;
let running = true;
process.stdin.on('end', () => (running = false)).resume();
(async () => {
  while (running) {
    const startedAt = performance.now();
    try {
      const res = await fetch(url, { ...JSON.parse(init), signal: AbortSignal.timeout(Number(timeoutMs)) });
      await res.arrayBuffer();
      if (res.status >= 300) failures++;
    } catch {
      failures++;
    }
    if (warmUp > 0) {
      failures = 0;
      if (--warmUp === 0) process.stderr.write('ready\\n');
    } else latencies.push(performance.now() - startedAt);
    await new Promise((r) => setTimeout(r, Number(everyMs)));
  }
  process.stdout.write(JSON.stringify({ latencies, failures }));
})();
`;

export interface ProbeOptions {
  /** Pause between one probe's end and the next one's start. */
  everyMs?: number;
  timeoutMs?: number;
  /** The request (method, headers, a string body); a GET by default. */
  init?: { method?: string; headers?: Record<string, string>; body?: string };
}

/**
 * Another client of the app under test, in a process of its own (so the spec's own sending does
 * not slow it): requests `url` every `everyMs`, one probe at a time, each timed from send to the end
 * of its body, so a spec can say how long the app kept others waiting (await `ready` first: a
 * fresh process's first requests are slow). A probe that takes longer
 * than `timeoutMs` counts as a failure at that latency.
 */
export function startLatencyProbe(url: string, options: ProbeOptions = {}): LatencyProbe {
  const { everyMs = 10, timeoutMs = 10_000, init = {} } = options;
  const child = spawn(process.execPath, ['-e', PROBE, url, String(everyMs), String(timeoutMs), JSON.stringify(init)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  const ready = once(child.stderr, 'data').then(() => undefined);
  const exited = once(child, 'exit');
  return {
    ready,
    async stop() {
      child.stdin.end();
      await exited;
      const { latencies, failures } = JSON.parse(output) as { latencies: number[]; failures: number };
      return {
        samples: latencies.length,
        failures,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        maxMs: percentile(latencies, 100),
      };
    },
  };
}
