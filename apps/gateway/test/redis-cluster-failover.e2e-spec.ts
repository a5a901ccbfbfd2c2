import { USAGE_EVENTS_QUEUE } from '@switchyard/contracts';
import { createRedis, queuePrefix } from '@switchyard/queue';
import type { Cluster } from 'ioredis';
import { waitFor } from '@switchyard/testing';
import { createTeam } from './support/e2e-fixtures';
import { type ClusterStack, startClusterStack } from './support/cluster-stack';

// Real: a Redis Cluster of this file's own, two gateways and billing on it, Postgres. Simulated: the
// upstream (100 ms). Mid-burst the master holding the usage queue's slot is SIGKILLed; its replica
// takes over. Requests may be refused (503) meanwhile; what was served must be billed exactly once.
const REQUESTS = 200;
const CONCURRENCY = 8;
const KILL_AFTER = 30;
let cs: ClusterStack;

beforeAll(async () => {
  cs = await startClusterStack({}, { gateways: 2, simulator: { latencyMs: 100 } });
}, 90_000);
afterAll(() => cs?.stop());

/** The port of the master that serves the usage queue's keys (its hash-tagged prefix's slot). */
async function queueMasterPort(): Promise<number> {
  const redis = createRedis(cs.cluster.url, 'client') as Cluster;
  try {
    const key = `${queuePrefix(cs.cluster.url, cs.stack.redisPrefix)}:${USAGE_EVENTS_QUEUE}:id`;
    const slot = (await redis.cluster('KEYSLOT', key)) as number;
    await redis.cluster('SLOTS'); // the client's slot map is filled once it has connected
    return Number(redis.slots[slot][0].split(':')[1]);
  } finally {
    redis.disconnect();
  }
}

describe('a Redis Cluster failover under load', () => {
  it('bills every request served across the failover exactly once, with zero reconciliation drift', async () => {
    const team = await createTeam(cs.prisma, { grantMicro: 1_000_000_000n });
    const queueMaster = await queueMasterPort();
    const answers: Array<{ status: number; requestId: string | null; at?: number }> = [];
    let killed: Promise<number> | undefined;
    let killedAt = Number.POSITIVE_INFINITY;
    let promotedAt = Number.POSITIVE_INFINITY;
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          const i = next++;
          if (i === KILL_AFTER) {
            killedAt = Date.now();
            killed = cs.cluster.killMaster(queueMaster).finally(() => (promotedAt = Date.now()));
          }
          const res = await cs.chat(i % 2, team.apiKey);
          await res.arrayBuffer();
          answers.push({ status: res.status, requestId: res.headers.get('x-request-id'), at: Date.now() });
        }
      }),
    );
    await killed;
    // Both gateways serve again once the replica has taken over.
    for (const gateway of [0, 1]) {
      const res = await waitFor(
        async () => {
          const attempt = await cs.chat(gateway, team.apiKey);
          await attempt.arrayBuffer();
          return attempt.status === 200 && attempt;
        },
        { timeoutMs: 20_000, describe: 'condition' },
      );
      answers.push({ status: res.status, requestId: res.headers.get('x-request-id') });
    }

    const statuses = new Set(answers.map((a) => a.status));
    expect([...statuses].every((status) => status === 200 || status === 503)).toBe(true);
    const served = answers.filter((a) => a.status === 200).map((a) => a.requestId as string);
    // The burst outlasted the failover: requests were answered while the master was dead, and after.
    const during = answers.filter((a) => a.at !== undefined && a.at > killedAt && a.at < promotedAt);
    const after = answers.filter((a) => a.at !== undefined && a.at >= promotedAt);
    console.log(
      `cluster failover: ${served.length} served, ${answers.length - served.length} refused (503); ` +
        `${during.length} answered in the ${promotedAt - killedAt} ms until the replica took over, ${after.length} after`,
    );
    expect(during.length).toBeGreaterThan(0);

    // Every served request debited once (the gateway spools what the queue refused, and replays it).
    const debited = async () =>
      (await cs.prisma.ledgerEntry.findMany({ where: { teamId: team.teamId, kind: 'usage' } })).map((e) => e.requestId);
    await waitFor(async () => (await debited()).length >= served.length, {
      timeoutMs: 30_000,
      describe: 'every served request debited',
    });
    await new Promise((r) => setTimeout(r, 1_000)); // a duplicate debit would land by now
    expect((await debited()).sort()).toEqual([...served].sort());
    expect(await cs.prisma.usageRecord.count({ where: { teamId: team.teamId } })).toBe(served.length);

    const report = await cs.admin('GET', `/reconciliation?teamId=${team.teamId}`);
    expect(report).toMatchObject({ status: 200, body: { ok: true, teamsChecked: 1, drifts: [] } });
  }, 90_000);
});
