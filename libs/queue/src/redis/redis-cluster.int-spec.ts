import { Queue, Worker } from 'bullmq';
import { Cluster, Redis } from 'ioredis';
import { type RedisCluster, startRedisCluster } from '@switchyard/testing';
import { createRedis, queueConnection, type RedisClient } from './create-redis.util';
import { queuePrefix } from './redis-options.util';
import { RedisSubscription } from './redis-subscription';

// Real: a Redis Cluster of this file's own (3 masters, 3 replicas, startRedisCluster), ioredis and
// BullMQ. Faked: nothing. The subscription spec kills a master, so it runs last.
let cluster: RedisCluster;
const closing: Array<() => Promise<unknown>> = [];

function connect(role: 'client' | 'producer' | 'worker'): RedisClient {
  const client = createRedis(cluster.url, role);
  client.on('error', () => undefined);
  closing.push(() => client.quit().catch(() => client.disconnect()));
  return client;
}

beforeAll(async () => {
  cluster = await startRedisCluster();
});
afterAll(async () => {
  for (const close of closing.splice(0).reverse()) await close();
  await cluster?.stop();
});

describe('Redis connections on a cluster', () => {
  it('makes a Cluster client for every role but subscribers, which get one node of their own', async () => {
    for (const role of ['client', 'producer', 'worker'] as const) expect(connect(role)).toBeInstanceOf(Cluster);
    const subscriber = createRedis(cluster.url, 'subscriber', { socketTimeout: 5000 });
    expect(subscriber).toBeInstanceOf(Redis);
    expect(subscriber).not.toBeInstanceOf(Cluster);
    subscriber.disconnect();
  });

  it('reads and writes keys on every master through one client', async () => {
    const client = connect('client');
    const keys = Array.from({ length: 30 }, (_, i) => `cluster-spec:key-${i}`);
    await Promise.all(keys.map((key, i) => client.set(key, String(i))));
    await expect(Promise.all(keys.map((key) => client.get(key)))).resolves.toEqual(keys.map((_, i) => String(i)));
    const slots = await Promise.all(keys.map((key) => (client as Cluster).cluster('KEYSLOT', key)));
    const masters = new Set(slots.map((slot) => (client as Cluster).slots[slot as number][0]));
    expect(masters.size).toBe(3);
  });

  it('runs a BullMQ queue and worker under the hash-tagged prefix', async () => {
    const prefix = queuePrefix(cluster.url, 'cluster-spec');
    expect(prefix).toBe('{cluster-spec}');
    const queue = new Queue('spec-jobs', { connection: connect('producer'), prefix });
    const done: string[] = [];
    const worker = new Worker('spec-jobs', async (job) => void done.push(job.id as string), {
      connection: queueConnection(cluster.url) as Cluster,
      prefix,
    });
    closing.push(
      () => worker.close(),
      () => queue.close(),
    );
    await Promise.all(['a', 'b', 'c'].map((id) => queue.add('job', {}, { jobId: id })));
    for (let i = 0; i < 100 && done.length < 3; i++) await new Promise((r) => setTimeout(r, 50));
    expect(done.sort()).toEqual(['a', 'b', 'c']);
  });

  it('keeps a subscription through the loss of its node: it moves on, says so, and hears what follows', async () => {
    const publisher = connect('client');
    const connection = createRedis(cluster.url, 'subscriber');
    connection.on('error', () => undefined);
    const subscription = new RedisSubscription(connection, 'cluster-spec:channel', { pingEveryMs: 500 });
    closing.push(() => subscription.stop());
    const heard: string[] = [];
    let resubscribed = 0;
    await subscription.start({ onMessage: (m) => heard.push(m), onResubscribed: () => resubscribed++ });
    await publisher.publish('cluster-spec:channel', 'before');
    await waitFor(() => heard.includes('before'));

    const firstPort = connection.options.port;
    await cluster.killMaster(firstPort);
    await waitFor(() => subscription.listening && resubscribed === 1);
    expect(connection.options.port).not.toBe(firstPort);
    await publisher.publish('cluster-spec:channel', 'after');
    await waitFor(() => heard.includes('after'));
    expect(heard).toEqual(['before', 'after']);
  });
});

async function waitFor(check: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}
