import { testRedisPrefix } from '@switchyard/testing';
import { InsufficientCreditsError } from '@switchyard/contracts';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreditHolds } from './credit-holds';
import type { CreditAccountState } from './credit-holds.types';
import { PerRequestHolds, type PerRequestHoldsOptions } from './per-request-holds';

// Real: Redis on 127.0.0.1:6379 under a key prefix unique to this spec run.
// Faked: Postgres, as an in-memory map of accounts behind a loader.
const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
const keyPrefix = testRedisPrefix('per-request-holds');
const A = 1_000_000n;
const HOLD_TTL_MS = 300;
const opened: PerRequestHolds[] = [];

function setup(options: PerRequestHoldsOptions = {}) {
  const accounts = new Map<string, CreditAccountState>();
  const holds = new CreditHolds(
    redis,
    { keyPrefix, holdTtlMs: HOLD_TTL_MS },
    async (teamId) => accounts.get(teamId) ?? null,
  );
  const gateway = () => {
    const perRequest = new PerRequestHolds(holds, options);
    opened.push(perRequest);
    return perRequest;
  };
  const teamWith = (balanceMicro: bigint) => {
    const teamId = randomUUID();
    accounts.set(teamId, { balanceMicro, lastEntryId: 1n });
    return teamId;
  };
  return { holds, gateway, teamWith };
}

describe(PerRequestHolds.name, () => {
  beforeAll(() => redis.connect());
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((holds) => holds.close()));
  });
  afterAll(async () => {
    for await (const keys of redis.scanStream({ match: `${keyPrefix}*`, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.unlink(...keys);
    }
    await redis.quit();
  });

  it('keeps a pending hold for as long as its request is open, past the hold lifetime', async () => {
    const { holds, gateway, teamWith } = setup();
    const teamId = teamWith(A);
    const perRequest = gateway();
    await perRequest.place(teamId, 'long', A);
    await sleep(3 * HOLD_TTL_MS);
    await expect(gateway().place(teamId, 'elsewhere', A)).rejects.toBeInstanceOf(InsufficientCreditsError);
    const { holds: stored, nowMs } = await holds.holdsOf(teamId);
    expect(stored).toEqual([{ requestId: 'long', state: 'pending', amountMicro: A, expiresAtMs: expect.any(Number) }]);
    expect(stored[0].expiresAtMs).toBeGreaterThan(nowMs);
    // Its request ends it: settled, the cost stays held until billing applies it.
    await perRequest.settle(teamId, 'long', A / 2n);
    await expect(holds.snapshot(teamId)).resolves.toMatchObject({ heldMicro: A / 2n });
  });

  it('refreshes all of a team’s open holds in one call per tick, and only those still open', async () => {
    const { holds, gateway, teamWith } = setup({ refreshMs: 50 });
    const [x, y] = [teamWith(10n * A), teamWith(10n * A)];
    const perRequest = gateway();
    for (const id of ['x1', 'x2', 'x3']) await perRequest.place(x, id, A);
    await perRequest.place(y, 'y1', A);
    await perRequest.release(x, 'x2');
    const refresh = jest.spyOn(holds, 'refreshPending');
    await sleep(170);
    const calls = refresh.mock.calls;
    expect(calls.length).toBeGreaterThanOrEqual(4);
    // Every tick refreshes both teams, each with one call naming all of its open requests.
    expect(calls.filter(([team]) => team === x)).toHaveLength(calls.length / 2);
    for (const [team, ids] of calls) expect(ids).toEqual(team === x ? ['x1', 'x3'] : ['y1']);
  });

  it('lets the holds of a gateway that is gone expire, as after a crash', async () => {
    const { holds, gateway, teamWith } = setup();
    const teamId = teamWith(A);
    const gone = gateway();
    await gone.place(teamId, 'orphan', A);
    await gone.close(); // no more refreshes, as when the process dies
    await sleep(2 * HOLD_TTL_MS);
    await expect(holds.snapshot(teamId)).resolves.toMatchObject({ heldMicro: 0n });
    await expect(gateway().place(teamId, 'next', A)).resolves.toBeUndefined();
  });
});
