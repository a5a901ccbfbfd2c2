export interface TimedAnswer {
  status: number;
  body: Record<string, unknown>;
  /** From sending the request to the end of the answer's body. */
  ms: number;
}

/** POST /v1/chat/completions with `apiKey`: the answer and how long it took. */
export async function postChat(
  gatewayUrl: string,
  apiKey: string,
  body: string | Record<string, unknown>,
): Promise<TimedAnswer> {
  const started = performance.now();
  const res = await fetch(`${gatewayUrl}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as Record<string, unknown>;
  return { status: res.status, body: json, ms: performance.now() - started };
}

/** /health/live asked over and over, one at a time, while `work` runs: each answer's latency (ms). */
export async function livenessDuring(gatewayUrl: string, work: Promise<unknown>): Promise<number[]> {
  let done = false;
  void work.finally(() => (done = true));
  const latencies: number[] = [];
  do {
    const started = performance.now();
    const res = await fetch(`${gatewayUrl}/health/live`);
    await res.arrayBuffer();
    expect(res.status).toBe(200);
    latencies.push(performance.now() - started);
  } while (!done);
  return latencies;
}

/** The `p`th percentile (0–100) of `values`, nearest rank. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
