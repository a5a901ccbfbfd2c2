import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreditHolds } from './credit-holds';

// Real: Redis on 127.0.0.1:6379 under a key prefix unique to this spec run. Faked: Postgres (a loader).
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
const keyPrefix = `sy-test:${process.env.SWITCHYARD_TEST_RUN ?? 'local'}:held-credits:${randomUUID()}:`;

describe('CreditHolds.heldOf', () => {
  beforeAll(() => redis.connect());
  afterAll(async () => {
    for await (const keys of redis.scanStream({ match: `${keyPrefix}*`, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.unlink(...keys);
    }
    await redis.quit();
  });

  it("answers each team's live holds (expired ones left out) without loading a balance", async () => {
    const loadAccount = jest.fn(async () => ({ balanceMicro: 10_000_000n, lastEntryId: 1n }));
    const holds = new CreditHolds(redis, { keyPrefix, holdTtlMs: 300 }, loadAccount);
    const [busy, settled, idle] = [randomUUID(), randomUUID(), randomUUID()];
    await holds.place(busy, 'expires', 1_000n);
    await sleep(400);
    await holds.place(busy, 'live', 2_500n);
    await holds.place(settled, 'done', 700n);
    await holds.settle(settled, 'done', 600n);
    loadAccount.mockClear();
    const held = await holds.heldOf([busy, settled, idle]);
    expect(held).toEqual(
      new Map([
        [busy, 2_500n],
        [settled, 600n],
        [idle, 0n],
      ]),
    );
    expect(loadAccount).not.toHaveBeenCalled();
    await expect(holds.heldOf([])).resolves.toEqual(new Map());
  });
});
