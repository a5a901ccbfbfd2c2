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
  stop(): Promise<void>;
}

export interface E2eStackOptions {
  simulator?: SimulatedServerOptions;
  /** Another Redis than the shared one (e.g. a private redis-server a fault test restarts). */
  redisUrl?: string;
  billingEnv?: Record<string, string>;
  /** How many gateway processes share the billing process, Postgres and Redis (1 by default). */
  gateways?: number;
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
  const [billing, ...gateways] = await Promise.all([
    startAppProcess('billing', { ...shared, ...options.billingEnv }),
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
  return {
    gatewayUrl: gateways[0].url,
    redisPrefix,
    spoolDir: spoolDirs[0],
    upstreamRequests: () => upstreamRequests,
    gateway: gateways[0],
    gateways,
    billing,
    async stop() {
      await Promise.all([...gateways.map((gateway) => gateway.stop()), billing.stop()]);
      simulator.close();
      for (const spoolDir of spoolDirs) rmSync(spoolDir, { recursive: true, force: true });
    },
  };
}
