import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrismaClient } from '@switchyard/db';
import { createSimulatedServer } from '@switchyard/providers';
import { createTestPrisma, OtlpTraceReceiver, startAppProcess, testRedisPrefix } from '@switchyard/testing';
import { createTeam } from '../apps/gateway/test/support/e2e-fixtures';

// The gateway's CPU time per request with tracing off and on (docs/deploying.md#traces): a gateway
// process per mode against the simulator, 2,000 sequential chat requests after a warm-up, CPU read
// from /proc/<pid>/stat (utime + stime). A jest file because it needs the e2e run's database; not
// part of the suite (jest does not match bench/). Run it as an e2e spec:
//   cp bench/tracing-cpu.measure.ts apps/gateway/test/tracing-cpu.e2e-spec.ts && \
//     sed -i 's#../apps/gateway/test/support#./support#' apps/gateway/test/tracing-cpu.e2e-spec.ts && \
//     npx jest apps/gateway/test/tracing-cpu.e2e-spec.ts; rm apps/gateway/test/tracing-cpu.e2e-spec.ts
const REQUESTS = Number(process.env.MEASURE_REQUESTS ?? 2000);
const WARMUP = 300;
const TICKS_PER_SECOND = 100;

/** utime + stime of a process, in µs (from /proc/<pid>/stat, fields 14 and 15, in clock ticks). */
function cpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / TICKS_PER_SECOND;
}

describe('gateway CPU per request, tracing off vs on', () => {
  let prisma: PrismaClient;
  let simulator: Server;
  let receiver: OtlpTraceReceiver;

  beforeAll(async () => {
    prisma = createTestPrisma();
    receiver = await OtlpTraceReceiver.start();
    simulator = createSimulatedServer({});
    simulator.listen(0, '127.0.0.1');
    await once(simulator, 'listening');
  });
  afterAll(async () => {
    simulator?.close();
    await receiver?.close();
    await prisma?.$disconnect();
  });

  it('measures', async () => {
    const team = await createTeam(prisma, { grantMicro: 10_000_000_000n });
    const results: Record<string, number> = {};
    for (const mode of ['off', 'on']) {
      const prefix = testRedisPrefix(`otel-cpu-${randomBytes(4).toString('hex')}`);
      const gateway = await startAppProcess('gateway', {
        DATABASE_URL: process.env.DATABASE_URL as string,
        REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
        REDIS_PREFIX: prefix,
        SIMULATED_PROVIDER_URL: `http://127.0.0.1:${(simulator.address() as AddressInfo).port}/v1`,
        OPENAI_API_KEY: '',
        USAGE_SPOOL_DIR: `/tmp/sy-spool-${prefix}`,
        ...(mode.startsWith('on') && { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url }),
      });
      const chat = () =>
        fetch(`${gateway.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${team.apiKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi.' }], max_tokens: 16 }),
        }).then((r) => r.arrayBuffer());
      for (let i = 0; i < WARMUP; i++) await chat();
      const before = cpuMicros(gateway.child.pid!);
      for (let i = 0; i < REQUESTS; i++) await chat();
      results[mode] = (cpuMicros(gateway.child.pid!) - before) / REQUESTS;
      await gateway.stop();
    }
    console.log(JSON.stringify({ requests: REQUESTS, microsPerRequest: results, spans: receiver.spans().length }));
    expect(results.on).toBeGreaterThan(0);
  }, 600_000);
});
