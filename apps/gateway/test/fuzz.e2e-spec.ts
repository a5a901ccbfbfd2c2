import { request } from 'undici';
import { useFundedStack } from './support/funded-stack';
import { malformedRequest } from './support/malformed-requests';
import { isOpenAiClientError } from './support/openai-error-shape';
import { metricValue, scrape } from './support/prometheus-text';

// Real: a gateway process (and billing) on Postgres and Redis, a real API key with credits.
// Generated: 5,000 malformed requests from a seeded PRNG (replay one with malformedRequest(i)).
const REQUESTS = 5_000;
const CONCURRENCY = 32;
const BODY_LIMIT_BYTES = 256 * 1024;

describe('gateway under malformed input', () => {
  const e2e = useFundedStack(1_000_000_000n, { BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES) });

  const rss = async () => metricValue(await scrape(e2e.stack.gatewayUrl), 'process_resident_memory_bytes');

  async function send(index: number): Promise<{ status: number; body: string; category: string }> {
    const r = malformedRequest(index, e2e.team.apiKey, BODY_LIMIT_BYTES);
    const res = await request(`${e2e.stack.gatewayUrl}${r.path}`, {
      method: r.method as 'POST',
      headers: r.headers,
      body: r.body,
    });
    return { status: res.statusCode, body: await res.body.text(), category: r.category };
  }

  async function run(from: number, to: number): Promise<Map<string, number>> {
    const failures: string[] = [];
    const byStatus = new Map<string, number>();
    let next = from;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < to) {
          const index = next++;
          const { status, body, category } = await send(index);
          byStatus.set(`${category} ${status}`, (byStatus.get(`${category} ${status}`) ?? 0) + 1);
          if (!isOpenAiClientError(status, body))
            failures.push(`#${index} (${category}) → ${status} ${body.slice(0, 200)}`);
        }
      }),
    );
    expect(failures).toEqual([]);
    return byStatus;
  }

  it(`answers ${REQUESTS} malformed requests with 4xx errors in OpenAI's shape, stays up and its memory settles`, async () => {
    await run(0, 200); // warm-up: JIT, pools, caches
    const rssBefore = await rss();

    const started = Date.now();
    const half = Math.floor(REQUESTS / 2);
    const byStatus = await run(200, half);
    const rssMiddle = await rss();
    for (const [k, n] of await run(half, REQUESTS)) byStatus.set(k, (byStatus.get(k) ?? 0) + n);
    const elapsedMs = Date.now() - started;

    await new Promise((r) => setTimeout(r, 2_000));
    const rssAfter = await rss();
    const live = await fetch(`${e2e.stack.gatewayUrl}/health/live`);
    expect(live.status).toBe(200);
    expect(e2e.stack.gateway.child.exitCode).toBeNull();
    const metrics = await scrape(e2e.stack.gatewayUrl);
    expect(metricValue(metrics, 'switchyard_http_requests_total', { status: '500' })).toBe(0);
    expect(
      metricValue(metrics, 'switchyard_http_requests_total', { status: '502' }) +
        metricValue(metrics, 'switchyard_http_requests_total', { status: '503' }),
    ).toBe(0);
    // Memory settles: the second half of the traffic grows RSS little or not at all (V8 keeps
    // what it grew to, so the first half may raise it), and the whole run stays bounded.
    expect(rssAfter).toBeLessThan(rssMiddle * 1.25 + 48 * 2 ** 20);
    expect(rssAfter).toBeLessThan(rssBefore * 2 + 64 * 2 ** 20);
    // Nothing malformed was billed.
    expect(await e2e.prisma.usageRecord.count({ where: { teamId: e2e.team.teamId } })).toBe(0);

    process.stdout.write(
      `fuzz: ${REQUESTS} requests in ${elapsedMs} ms; RSS ${(rssBefore / 2 ** 20).toFixed(1)} → ${(rssMiddle / 2 ** 20).toFixed(1)} (half) → ${(rssAfter / 2 ** 20).toFixed(1)} MiB\n` +
        `${[...byStatus]
          .sort()
          .map(([k, n]) => `  ${k}: ${n}`)
          .join('\n')}\n`,
    );
  }, 180_000);
});
