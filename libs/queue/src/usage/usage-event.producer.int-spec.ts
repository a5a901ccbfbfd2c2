import { testRedisPrefix, usageEventFixture } from '@switchyard/testing';
import { randomUUID } from 'node:crypto';
import { ServiceUnavailableError, USAGE_EVENT_JOB, USAGE_EVENTS_QUEUE, type UsageEvent } from '@switchyard/contracts';
import { Queue } from 'bullmq';
import { createRedis, type RedisClient } from '../redis/create-redis.util';
import { redisOptions } from '../redis/redis-options.util';
import { UsageEventProducer } from './usage-event.producer';

// Real: Redis under a prefix unique to this run and file (the shape global teardown cleans up).
// Faked: nothing.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = testRedisPrefix('usage-event-producer');

let redis: RedisClient;
let producer: UsageEventProducer;
let queue: Queue;

beforeAll(() => {
  redis = createRedis(REDIS_URL, 'producer');
  producer = new UsageEventProducer(redis, { prefix: PREFIX });
  queue = new Queue(USAGE_EVENTS_QUEUE, { connection: redisOptions(REDIS_URL, 'client'), prefix: PREFIX });
});

afterAll(async () => {
  await queue.obliterate({ force: true });
  await Promise.all([queue.close(), producer.close()]);
  await redis.quit();
});

function usageEvent(): UsageEvent {
  return usageEventFixture({
    requestId: randomUUID(),
    usage: { promptTokens: 5, completionTokens: 7, cachedReadTokens: 0, cacheCreationTokens: 0 },
    costMicro: '5000',
    latencyMs: 9,
  });
}

describe(UsageEventProducer.name, () => {
  it('enqueues the event under its request id with the usage job options', async () => {
    const event = usageEvent();

    await producer.emit(event);

    const job = await queue.getJob(event.requestId);
    expect(job?.name).toBe(USAGE_EVENT_JOB);
    expect(job?.data).toEqual(event);
    expect(job?.opts).toMatchObject({
      attempts: 25,
      backoff: { type: 'exponential', delay: 1000 },
      removeOnFail: false,
    });
  });

  it('keeps one job when the same event is emitted twice', async () => {
    const event = usageEvent();

    await producer.emit(event);
    await producer.emit({ ...event, costMicro: '999' });

    const jobs = (await queue.getWaiting()).filter((job) => job.id === event.requestId);
    expect(jobs.map((job) => job.data.costMicro)).toEqual(['5000']);
  });

  it('keeps stacks with different prefixes apart', async () => {
    const other = new Queue(USAGE_EVENTS_QUEUE, {
      connection: redisOptions(REDIS_URL, 'client'),
      prefix: `${PREFIX}-other`,
    });
    const event = usageEvent();

    await producer.emit(event);

    expect(await other.getJob(event.requestId)).toBeUndefined();
    await other.close();
  });

  it('fails fast with ServiceUnavailableError when Redis is unreachable', async () => {
    const deadRedis = createRedis('redis://127.0.0.1:1', 'producer');
    const deadProducer = new UsageEventProducer(deadRedis, { prefix: PREFIX, timeoutMs: 300 });
    const started = Date.now();

    await expect(deadProducer.emit(usageEvent())).rejects.toBeInstanceOf(ServiceUnavailableError);

    expect(Date.now() - started).toBeLessThan(1500);
    await deadProducer.close();
    deadRedis.disconnect();
  });
});
