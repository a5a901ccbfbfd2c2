import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createRedis } from '@switchyard/queue';
import { type RedisCluster, startRedisCluster } from '@switchyard/testing';
import type { Cluster } from 'ioredis';
import { CreditChangePublisher } from './credit-change.publisher';
import { CreditChangeSubscriber } from './credit-change.subscriber';
import { CreditHolds } from './credit-holds';
import { creditKeysOf } from './credit-keys.util';
import { HOLDS_COMMANDS } from './holds-commands.constants';

// Real: a Redis Cluster of this file's own (startRedisCluster), the holds' Lua scripts, pub/sub.
// Faked: Postgres, as a map of balances. Teams are spread over every master, so a script whose keys
// were not in one slot would fail with CROSSSLOT here, where one server would let it pass.
const A = 1_000_000n;
const keyPrefix = 'cluster-spec:';
let cluster: RedisCluster;
let redis: Cluster;

beforeAll(async () => {
  cluster = await startRedisCluster();
  redis = createRedis(cluster.url, 'client') as Cluster;
  await once(redis, 'ready');
});
afterAll(async () => {
  await redis?.quit();
  await cluster?.stop();
});

/** Teams whose credit keys live on each of the cluster's masters. */
async function teamsOnEveryMaster(): Promise<string[]> {
  const byMaster = new Map<string, string>();
  while (byMaster.size < 3) {
    const teamId = randomUUID();
    const slot = (await redis.cluster('KEYSLOT', creditKeysOf(keyPrefix, teamId)[0])) as number;
    byMaster.set(redis.slots[slot][0], byMaster.get(redis.slots[slot][0]) ?? teamId);
  }
  return [...byMaster.values()];
}

describe('credit holds on a Redis Cluster', () => {
  it("puts a team's four credit keys in one slot", async () => {
    const slots = await Promise.all(creditKeysOf(keyPrefix, randomUUID()).map((key) => redis.cluster('KEYSLOT', key)));
    expect(new Set(slots).size).toBe(1);
  });

  it('runs every holds script for teams on every master, with the amounts one server gives', async () => {
    const ran = new Set<string>();
    const run = HOLDS_COMMANDS.run.bind(HOLDS_COMMANDS);
    jest
      .spyOn(HOLDS_COMMANDS, 'run')
      .mockImplementation((client, name, keys, args) => (ran.add(name), run(client, name, keys, args)));
    const holds = new CreditHolds(redis, { keyPrefix }, async () => ({ balanceMicro: 10n * A, lastEntryId: 1n }));
    const publisher = new CreditChangePublisher(redis, keyPrefix);
    for (const teamId of await teamsOnEveryMaster()) {
      await holds.place(teamId, 'r1', 2n * A);
      await holds.place(teamId, 'r2', 1n * A);
      await expect(holds.refreshPending(teamId, ['r1', 'r2'])).resolves.toBe(2);
      await holds.settle(teamId, 'r1', A);
      await holds.release(teamId, 'r2');
      await expect(holds.lease(teamId, 'lease-1', A, 0n, true)).resolves.toBe(A);
      await expect(holds.refreshLease(teamId, 'lease-1')).resolves.toBe(true);
      await expect(holds.shrinkLease(teamId, 'lease-1', A / 2n)).resolves.toBe(true);
      await holds.returnLease(teamId, 'lease-1');
      await expect(holds.snapshot(teamId)).resolves.toMatchObject({ balanceMicro: 10n * A, heldMicro: A });
      await expect(holds.heldOf([teamId])).resolves.toEqual(new Map([[teamId, A]]));
      await holds.applyLedger(teamId, 9n * A, 2n, ['r1']);
      await expect(publisher.lowerBalance(teamId, 8n * A, 3n)).resolves.toBe(0n);
      await expect(holds.snapshot(teamId)).resolves.toMatchObject({ balanceMicro: 8n * A, heldMicro: 0n });
    }
    expect([...ran].sort()).toEqual(HOLDS_COMMANDS.commands.map((command) => command.name).sort());
  });

  it("tells a gateway subscribed on one node of a change published from another team's master", async () => {
    const subscriber = new CreditChangeSubscriber(createRedis(cluster.url, 'subscriber'), keyPrefix);
    const changed: string[] = [];
    await subscriber.start({ onChanged: (teamId) => changed.push(teamId), onResubscribed: () => undefined });
    const publisher = new CreditChangePublisher(redis, keyPrefix);
    const teams = await teamsOnEveryMaster();
    for (const teamId of teams) await publisher.lowerBalance(teamId, A, 10n);
    for (let i = 0; i < 100 && changed.length < teams.length; i++) await new Promise((r) => setTimeout(r, 50));
    await subscriber.stop();
    // Each master broadcasts over its own bus links: the order across masters is not kept.
    expect(changed.sort()).toEqual(teams.sort());
  });
});
