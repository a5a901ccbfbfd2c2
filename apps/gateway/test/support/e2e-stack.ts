import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createSimulatedServer, type SimulatedServerOptions } from '@switchyard/providers';
import { type AppProcess, startAppProcess, testRedisPrefix } from '@switchyard/testing';

/**
 * The whole stack for one spec file: a simulated upstream in-process (so the spec can count the
 * requests it receives), and billing and gateway as real processes on the real Postgres (this run's
 * database) and Redis (a key prefix of their own).
 */
export interface E2eStack {
  gatewayUrl: string;
  redisPrefix: string;
  /** The gateway's usage spool directory (a fresh temporary one). */
  spoolDir: string;
  upstreamRequests(): number;
  gateway: AppProcess;
  /** Every gateway process (options.gateways, one by default), each with its own spool; `gateway` is the first. */
  gateways: AppProcess[];
  billing: AppProcess;
  /** Every billing process (options.billings, one by default), all consuming one queue; `billing` is the first. */
  billings: AppProcess[];
  stop(): Promise<void>;
}

export interface E2eStackOptions {
  simulator?: SimulatedServerOptions;
  /** Another Redis than the shared one (e.g. a private redis-server a fault test restarts). */
  redisUrl?: string;
  billingEnv?: Record<string, string>;
  /** How many gateway processes share the billing process, Postgres and Redis (1 by default). */
  gateways?: number;
  /** How many billing processes (workers and admin API) share Postgres, Redis and the queue (1 by default). */
  billings?: number;
}

export async function startE2eStack(
  gatewayEnv: Record<string, string> = {},
  options: E2eStackOptions = {},
): Promise<E2eStack> {
  const redisPrefix = testRedisPrefix('e2e');
  const spoolDirs = Array.from({ length: options.gateways ?? 1 }, () =>
    mkdtempSync(join(tmpdir(), 'switchyard-spool-')),
  );
  const simulator: Server = createSimulatedServer(options.simulator ?? {});
  let upstreamRequests = 0;
  simulator.on('request', () => upstreamRequests++);
  simulator.listen(0, '127.0.0.1');
  await once(simulator, 'listening');
  const simulatorUrl = `http://127.0.0.1:${(simulator.address() as AddressInfo).port}/v1`;

  const shared = {
    DATABASE_URL: process.env.DATABASE_URL as string,
    REDIS_URL: options.redisUrl ?? process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    REDIS_PREFIX: redisPrefix,
  };
  const billingCount = options.billings ?? 1;
  const started = await Promise.allSettled([
    ...Array.from({ length: billingCount }, () => startAppProcess('billing', { ...shared, ...options.billingEnv })),
    ...spoolDirs.map((spoolDir) =>
      startAppProcess('gateway', {
        ...shared,
        SIMULATED_PROVIDER_URL: simulatorUrl,
        OPENAI_API_KEY: '',
        ANTHROPIC_API_KEY: '',
        USAGE_SPOOL_DIR: spoolDir,
        ...gatewayEnv,
      }),
    ),
  ]);
  const processes = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const cleanUp = async () => {
    await Promise.all(processes.map((app) => app.stop()));
    simulator.close();
    for (const spoolDir of spoolDirs) rmSync(spoolDir, { recursive: true, force: true });
  };
  const failed = started.find((result) => result.status === 'rejected');
  if (failed) {
    // Stop what did start: a listening simulator or a live app would keep jest from ever exiting.
    await cleanUp();
    throw failed.reason;
  }
  const billings = processes.slice(0, billingCount);
  const gateways = processes.slice(billingCount);
  return {
    gatewayUrl: gateways[0].url,
    redisPrefix,
    spoolDir: spoolDirs[0],
    upstreamRequests: () => upstreamRequests,
    gateway: gateways[0],
    gateways,
    billing: billings[0],
    billings,
    stop: cleanUp,
  };
}
