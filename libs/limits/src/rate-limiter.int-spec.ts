import { testRedisPrefix } from '@switchyard/testing';
import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { RateLimiter } from './rate-limiter';
import type { RateLimits } from './rate-limit.types';

// Real: Redis under a prefix unique to this run and file. Faked: nothing.
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const PREFIX = testRedisPrefix('rate-limiter');
const NO_LIMITS: RateLimits = { keyRpm: null, keyTpm: null, teamRpm: null, teamTpm: null };

let redis: Redis;

beforeAll(() => {
  redis = new Redis(REDIS_URL);
});

afterAll(async () => {
  const keys = await redis.keys(`${PREFIX}*`);
  if (keys.length > 0) await redis.del(...keys);
  await redis.quit();
});

function setup(windowMs = 60_000) {
  return {
    limiter: new RateLimiter(redis, { keyPrefix: PREFIX, windowMs }),
    teamId: randomUUID(),
    keyId: randomUUID(),
  };
}

describe(RateLimiter.name, () => {
  it('admits exactly the key RPM limit out of many concurrent requests', async () => {
    const { limiter, teamId, keyId } = setup();
    const limits = { ...NO_LIMITS, keyRpm: 7 };

    const decisions = await Promise.all(Array.from({ length: 30 }, () => limiter.consume(teamId, keyId, limits, 10)));

    expect(decisions.filter((d) => d.allowed)).toHaveLength(7);
    const refused = decisions.find((d) => !d.allowed);
    expect(refused).toMatchObject({ exceeded: 'requests', requests: { limit: 7, remaining: 0 }, tokens: null });
    expect(refused?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused?.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it('refuses a request whose prompt tokens would pass the TPM limit, without counting it', async () => {
    const { limiter, teamId, keyId } = setup();
    const limits = { ...NO_LIMITS, keyRpm: 100, keyTpm: 1_000 };

    expect(await limiter.consume(teamId, keyId, limits, 600)).toMatchObject({
      allowed: true,
      tokens: { limit: 1_000, remaining: 400 },
      requests: { remaining: 99 },
    });
    expect(await limiter.consume(teamId, keyId, limits, 600)).toMatchObject({
      allowed: false,
      exceeded: 'tokens',
      tokens: { remaining: 400 },
      requests: { remaining: 99 },
    });
    expect(await limiter.consume(teamId, keyId, limits, 400)).toMatchObject({
      allowed: true,
      tokens: { remaining: 0 },
    });
  });

  it('adds completion tokens to the window after the answer', async () => {
    const { limiter, teamId, keyId } = setup();
    const limits = { ...NO_LIMITS, keyTpm: 1_000 };

    await limiter.consume(teamId, keyId, limits, 100);
    await limiter.addTokens(teamId, keyId, limits, 850);

    expect(await limiter.consume(teamId, keyId, limits, 100)).toMatchObject({
      allowed: false,
      exceeded: 'tokens',
      tokens: { remaining: 50 },
    });
  });

  it('shares a team limit across the team keys and reports the tightest counter', async () => {
    const { limiter, teamId } = setup();
    const limits = { ...NO_LIMITS, keyRpm: 10, teamRpm: 3 };

    const first = await limiter.consume(teamId, randomUUID(), limits, 1);
    await limiter.consume(teamId, randomUUID(), limits, 1);
    await limiter.consume(teamId, randomUUID(), limits, 1);
    const fourth = await limiter.consume(teamId, randomUUID(), limits, 1);

    expect(first.requests).toMatchObject({ limit: 3, remaining: 2 });
    expect(fourth).toMatchObject({ allowed: false, exceeded: 'requests', requests: { limit: 3, remaining: 0 } });
  });

  it('starts counting again in the next window', async () => {
    const { limiter, teamId, keyId } = setup(500);
    const limits = { ...NO_LIMITS, keyRpm: 1 };

    // Align to the start of a window so both calls land in the same one.
    const first = await limiter.consume(teamId, keyId, limits, 1);
    await new Promise((r) => setTimeout(r, first.requests!.resetMs + 20));
    expect((await limiter.consume(teamId, keyId, limits, 1)).allowed).toBe(true);
    expect((await limiter.consume(teamId, keyId, limits, 1)).allowed).toBe(false);
  });

  it('knows when no limit applies', () => {
    expect(RateLimiter.applies(NO_LIMITS)).toBe(false);
    expect(RateLimiter.applies({ ...NO_LIMITS, teamTpm: 5 })).toBe(true);
  });
});
