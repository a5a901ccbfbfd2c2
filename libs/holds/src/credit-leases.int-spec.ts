import { testRedisPrefix } from '@switchyard/testing';
import { InsufficientCreditsError, ServiceUnavailableError } from '@switchyard/contracts';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreditHolds } from './credit-holds';
import { type CreditAccountState, MAX_HOLD_MICRO } from './credit-holds.types';
import { CreditLeases, type CreditLeasesOptions } from './credit-leases';

// Real: Redis on 127.0.0.1:6379 under a key prefix unique to this spec run.
// Faked: Postgres, as an in-memory map of accounts behind a counting loader.
const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const redis = new Redis(url, { lazyConnect: true });
const keyPrefix = testRedisPrefix('credit-leases');
const A = 1_000_000n;
const opened: CreditLeases[] = [];

function setup(options: Partial<CreditLeasesOptions> = {}, connection: Redis = redis, holdTtlMs = 120_000) {
  const accounts = new Map<string, CreditAccountState>();
  const loadAccount = jest.fn(async (teamId: string) => accounts.get(teamId) ?? null);
  const holds = new CreditHolds(connection, { keyPrefix, holdTtlMs }, loadAccount);
  const gateway = (overrides: Partial<CreditLeasesOptions> = {}) => {
    const leases = new CreditLeases(holds, connection, {
      requestsPerTopUp: 32,
      tickMs: 20,
      idleMs: 60_000,
      ...options,
      ...overrides,
    });
    opened.push(leases);
    return leases;
  };
  const teamWith = (balanceMicro: bigint, lastEntryId = 1n) => {
    const teamId = randomUUID();
    accounts.set(teamId, { balanceMicro, lastEntryId });
    return teamId;
  };
  return { holds, gateway, loadAccount, teamWith };
}

async function outcome(promise: Promise<unknown>): Promise<'ok' | unknown> {
  return promise.then(
    () => 'ok',
    (error: unknown) => error,
  );
}

/** Redis's own account of a team's holds: the leases and request holds stored, and the held total. */
async function stored(holds: CreditHolds, teamId: string) {
  const { holds: all, heldMicro } = await holds.holdsOf(teamId);
  const live = all.filter((h) => h.state !== 'applied');
  return {
    heldMicro,
    counted: live.reduce((sum, h) => sum + h.amountMicro, 0n),
    leases: live.filter((h) => h.state === 'leased'),
    settled: live.filter((h) => h.state === 'settled'),
  };
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}

describe(CreditLeases.name, () => {
  beforeAll(() => redis.connect());
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((leases) => leases.close()));
  });
  afterAll(async () => {
    for await (const keys of redis.scanStream({ match: `${keyPrefix}*`, count: 1000 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) await redis.unlink(...keys);
    }
    await redis.quit();
  });

  it('lets exactly the 10 of 100 concurrent requests through that the balance covers', async () => {
    const { holds, gateway, teamWith } = setup();
    const teamId = teamWith(10n * A);
    const leases = gateway();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => outcome(leases.place(teamId, `req-${i}`, A))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(10);
    expect(results.filter((r) => r instanceof InsufficientCreditsError)).toHaveLength(90);
    await expect(holds.snapshot(teamId)).resolves.toEqual({
      balanceMicro: 10n * A,
      heldMicro: 10n * A,
      availableMicro: 0n,
    });

    // Settled at half the estimate: the lease loses each estimate, the exact cost stays held.
    await Promise.all(results.map((r, i) => (r === 'ok' ? leases.settle(teamId, `req-${i}`, A / 2n) : undefined)));
    const after = await stored(holds, teamId);
    expect(after).toMatchObject({ heldMicro: 5n * A, counted: 5n * A });
    expect(after.settled).toHaveLength(10);
    expect(after.leases.map((l) => l.amountMicro)).toEqual([0n]);
  });

  it('never lets two gateways hold more than the balance between them', async () => {
    const { holds, gateway, teamWith } = setup();
    const teamId = teamWith(10n * A);
    const gateways = [gateway(), gateway()];
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => outcome(gateways[i % 2].place(teamId, `req-${i}`, A))),
    );
    const served = results.filter((r) => r === 'ok').length;
    // Credits one gateway leased but has not carved are not the other's: it may refuse a few early.
    expect(served).toBeGreaterThanOrEqual(8);
    expect(served).toBeLessThanOrEqual(10);
    expect(results.filter((r) => r !== 'ok').every((r) => r instanceof InsufficientCreditsError)).toBe(true);
    const { heldMicro, counted } = await stored(holds, teamId);
    expect(heldMicro).toBe(counted);
    expect(heldMicro).toBeLessThanOrEqual(10n * A);
    expect(heldMicro).toBeGreaterThanOrEqual(BigInt(served) * A);
  });

  it('serves a stream of requests from a few top-ups, keeping Redis’s held total equal to its holds', async () => {
    const { holds, gateway, teamWith } = setup();
    const teamId = teamWith(1_000n * A);
    const leases = gateway();
    const lease = jest.spyOn(holds, 'lease');
    for (let i = 0; i < 64; i++) await leases.place(teamId, `req-${i}`, A);
    expect(lease.mock.calls.length).toBeLessThanOrEqual(4);
    const { heldMicro, counted, leases: stored_ } = await stored(holds, teamId);
    expect(stored_).toHaveLength(1);
    expect(heldMicro).toBe(counted);
    expect(heldMicro).toBeGreaterThanOrEqual(64n * A);
  });

  it('gives a released estimate back to the lease, and an idle lease back to the team', async () => {
    const { holds, gateway, teamWith } = setup({ requestsPerTopUp: 4, idleMs: 100 });
    const teamId = teamWith(100n * A);
    const leases = gateway();
    await leases.place(teamId, 'failed', 2n * A);
    const lease = jest.spyOn(holds, 'lease');
    await leases.release(teamId, 'failed');
    await leases.place(teamId, 'again', 2n * A);
    expect(lease).not.toHaveBeenCalled();
    // The estimate plus 4 more requests' worth.
    await expect(holds.snapshot(teamId)).resolves.toMatchObject({ heldMicro: 10n * A });
    // With a request in flight the lease stays; once it is released and the lease idle, it goes back.
    await sleep(200);
    await expect(holds.snapshot(teamId)).resolves.toMatchObject({ heldMicro: 10n * A });
    await leases.release(teamId, 'again');
    await waitUntil(async () => (await holds.snapshot(teamId)).heldMicro === 0n);
    expect((await stored(holds, teamId)).leases).toHaveLength(0);
  });

  it('holds exactly the cost once a carved request settles, until billing applies its debit', async () => {
    const { holds, gateway, teamWith } = setup({ idleMs: 50 });
    const teamId = teamWith(100n * A, 7n);
    const leases = gateway();
    await leases.place(teamId, 'served', 3n * A);
    await leases.settle(teamId, 'served', 1_234n);
    await waitUntil(async () => (await stored(holds, teamId)).leases.length === 0);
    await expect(holds.snapshot(teamId)).resolves.toEqual({
      balanceMicro: 100n * A,
      heldMicro: 1_234n,
      availableMicro: 100n * A - 1_234n,
    });
    await holds.applyLedger(teamId, 100n * A - 1_234n, 8n, ['served']);
    await expect(holds.snapshot(teamId)).resolves.toMatchObject({ heldMicro: 0n });
  });

  it('leaves other gateways half of what is spare, so a small balance is not leased away', async () => {
    const { holds, gateway, teamWith } = setup();
    const teamId = teamWith(10n * A);
    const lease = jest.spyOn(holds, 'lease');
    await gateway().place(teamId, 'first', A);
    await waitUntil(async () => lease.mock.calls.length === 2);
    await lease.mock.results[1].value;
    // The estimate plus half of the other 9 credits (not the 32 requests' worth asked for), then
    // a background top-up of half of what was left: 1 + 4.5 + 2.25.
    await expect(holds.snapshot(teamId)).resolves.toMatchObject({ heldMicro: 7n * A + (A * 3n) / 4n });
    await expect(gateway().place(teamId, 'second', 2n * A)).resolves.toBeUndefined();
  });

  it('keeps a lease in use alive past its lifetime, and replaces one that expired instead of using it', async () => {
    const { holds, gateway, teamWith } = setup({}, redis, 300);
    const teamId = teamWith(100n * A);
    const busy = gateway();
    await busy.place(teamId, 'long-stream', A);
    await sleep(700);
    const kept = await stored(holds, teamId);
    expect(kept.leases).toHaveLength(1);
    expect(kept.heldMicro).toBeGreaterThanOrEqual(A);

    const neglected = gateway({ tickMs: 60_000 });
    await neglected.place(teamId, 'before', A);
    const [leaseBefore] = (await stored(holds, teamId)).leases.filter(
      (l) => !kept.leases.some((k) => k.requestId === l.requestId),
    );
    await sleep(450); // never refreshed: expired in Redis
    await neglected.place(teamId, 'after', A);
    const now = await stored(holds, teamId);
    expect(now.leases.map((l) => l.requestId)).not.toContain(leaseBefore.requestId);
    expect(now.heldMicro).toBe(now.counted);
  });

  it('keeps a carved hold for as long as its request is open, past the hold lifetime', async () => {
    const { holds, gateway, teamWith } = setup({ idleMs: 50 }, redis, 300);
    const teamId = teamWith(A);
    const leases = gateway();
    await leases.place(teamId, 'long', A);
    await sleep(900); // three hold lifetimes: the request is still open
    // Neither this gateway nor another can spend the credits it holds.
    await expect(leases.place(teamId, 'second', A)).rejects.toBeInstanceOf(InsufficientCreditsError);
    await expect(gateway().place(teamId, 'elsewhere', A)).rejects.toBeInstanceOf(InsufficientCreditsError);
    await expect(stored(holds, teamId)).resolves.toMatchObject({ heldMicro: A, counted: A });
    // Its request ends it: released, the estimate is spare again and the idle lease goes back whole.
    await leases.release(teamId, 'long');
    await waitUntil(async () => (await stored(holds, teamId)).leases.length === 0);
    await expect(holds.snapshot(teamId)).resolves.toMatchObject({ heldMicro: 0n });
  });

  it('caps a top-up at the largest amount holds accept, for very large requests', async () => {
    const { holds, gateway, teamWith } = setup();
    const teamId = teamWith(MAX_HOLD_MICRO);
    await gateway().place(teamId, 'huge', MAX_HOLD_MICRO / 4n);
    const { heldMicro, counted } = await stored(holds, teamId);
    expect(heldMicro).toBe(counted);
    expect(heldMicro).toBeGreaterThanOrEqual(MAX_HOLD_MICRO / 4n);
    expect(heldMicro).toBeLessThanOrEqual(MAX_HOLD_MICRO);
  });

  it('fails closed when Redis is unreachable, even with spare credits leased', async () => {
    const connection = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: true });
    await connection.connect();
    const { gateway, teamWith } = setup({}, connection);
    const teamId = teamWith(100n * A);
    const leases = gateway();
    await leases.place(teamId, 'before', A);
    connection.disconnect();
    // Until the client notices, requests still carve from the lease: its credits are held in Redis.
    await waitUntil(async () => connection.status !== 'ready');
    await expect(leases.place(teamId, 'during', A)).rejects.toBeInstanceOf(ServiceUnavailableError);
  });
});
