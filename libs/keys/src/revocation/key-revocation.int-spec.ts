import { randomBytes } from 'node:crypto';
import Redis from 'ioredis';
import { KeyRevocationPublisher } from './key-revocation.publisher';
import { KeyRevocationSubscriber } from './key-revocation.subscriber';

// Real: Redis pub/sub (REDIS_URL) on a channel unique to this run. Nothing faked.
describe(KeyRevocationSubscriber.name, () => {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const prefix = `sy-test:${randomBytes(4).toString('hex')}:`;

  it('delivers published key hashes to every subscriber, in batches for large lists', async () => {
    const received: string[][] = [[], []];
    const subscribers = received.map(
      (bucket) =>
        new KeyRevocationSubscriber(new Redis(url), prefix, {
          onRevoked: (h) => bucket.push(...h),
          onResubscribed: () => undefined,
        }),
    );
    await Promise.all(subscribers.map((s) => s.start()));
    const publisherRedis = new Redis(url);
    const hashes = Array.from({ length: 1_200 }, () => randomBytes(32).toString('hex'));

    await expect(new KeyRevocationPublisher(publisherRedis, prefix).publish(hashes)).resolves.toBe(true);
    const deadline = Date.now() + 5_000;
    while (received.some((b) => b.length < hashes.length) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 10));

    expect(received).toEqual([hashes, hashes]);
    await Promise.all(subscribers.map((s) => s.stop()));
    publisherRedis.disconnect();
  });

  it('reports a failed publish instead of throwing: the change it announces is already committed', async () => {
    const errors: unknown[] = [];
    const broken = { publish: () => Promise.reject(new Error('redis down')) };
    await expect(
      new KeyRevocationPublisher(broken, prefix, (e) => errors.push(e)).publish(['a'.repeat(64)]),
    ).resolves.toBe(false);
    expect(errors).toEqual([new Error('redis down')]);
  });
});
