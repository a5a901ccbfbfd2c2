import { randomBytes } from 'node:crypto';
import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma, type RedisCluster, startRedisCluster } from '@switchyard/testing';
import { type E2eStack, type E2eStackOptions, startE2eStack } from './e2e-stack';

/** A spec file's stack on a Redis Cluster of its own: billing and `gateways` gateway processes. */
export interface ClusterStack {
  cluster: RedisCluster;
  stack: E2eStack;
  prisma: PrismaClient;
  /** POST /v1/chat/completions on gateway `gateway` (an index into stack.gateways). */
  chat(gateway: number, apiKey: string): Promise<Response>;
  /** A call to billing's admin API with the stack's admin token; the JSON body as sent. */
  admin(method: string, path: string): Promise<{ status: number; body: Record<string, unknown> }>;
  stop(): Promise<void>;
}

const BODY = JSON.stringify({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Count the nodes, please.' }],
  max_tokens: 16,
});

/** Starts the cluster (6 redis-servers), then the stack on it; stops what it started if either fails. */
export async function startClusterStack(
  gatewayEnv: Record<string, string>,
  options: Omit<E2eStackOptions, 'redisUrl'>,
): Promise<ClusterStack> {
  const adminToken = `root-${randomBytes(24).toString('hex')}`;
  const cluster = await startRedisCluster();
  let stack: E2eStack;
  try {
    stack = await startE2eStack(gatewayEnv, {
      ...options,
      redisUrl: cluster.url,
      billingEnv: { ADMIN_TOKEN: adminToken, ...options.billingEnv },
    });
  } catch (err) {
    await cluster.stop();
    throw err;
  }
  const prisma = createTestPrisma();
  return {
    cluster,
    stack,
    prisma,
    chat: (gateway, apiKey) =>
      fetch(`${stack.gateways[gateway].url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: BODY,
      }),
    async admin(method, path) {
      const res = await fetch(`${stack.billing.url}/admin/v1${path}`, {
        method,
        headers: { authorization: `Bearer ${adminToken}` },
      });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    },
    async stop() {
      await stack.stop();
      await cluster.stop();
      await prisma.$disconnect();
    },
  };
}
