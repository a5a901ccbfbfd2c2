import { InsufficientCreditsError, ServiceUnavailableError } from '@switchyard/contracts';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreditHolds } from './credit-holds';
import { A, holdsOnFakeLedger, useHoldsRedis } from './credit-holds.test-util';

// Real: Redis on 127.0.0.1:6379 under a key prefix unique to this spec run.
// Faked: Postgres, as an in-memory map of accounts behind a counting loader.
const spec = useHoldsRedis('credit-holds-ledger');
const setup = (options: Parameters<typeof holdsOnFakeLedger>[1] = {}) => holdsOnFakeLedger(spec, options);

describe(`${CreditHolds.name}: ledger balances, expiry and limits`, () => {
  it('applies a newer ledger balance and drops the debited holds, ignoring a later settle of them', async () => {
    const { holds, teamWith } = setup();
    const teamId = teamWith(10n * A, 7n);
    await holds.place(teamId, 'billed', 2n * A);
    await holds.place(teamId, 'in-flight', 3n * A);
    await holds.applyLedger(teamId, 8n * A, 8n, ['billed']);
    await expect(holds.snapshot(teamId)).resolves.toEqual({
      balanceMicro: 8n * A,
      heldMicro: 3n * A,
      availableMicro: 5n * A,
    });
    await holds.settle(teamId, 'billed', 2n * A);
    await expect(holds.snapshot(teamId)).resolves.toMatchObject({ heldMicro: 3n * A });
  });

  it('keeps an applied request’s tombstone for appliedTtlMs only, while a settled hold lives on', async () => {
    const { holds, teamWith } = setup({ appliedTtlMs: 100 });
    const teamId = teamWith(10n * A, 7n);
    await holds.place(teamId, 'billed', A);
    await holds.settle(teamId, 'billed', A);
    await holds.place(teamId, 'waiting', A);
    await holds.settle(teamId, 'waiting', A);
    await holds.applyLedger(teamId, 9n * A, 8n, ['billed']);
    await sleep(150);
    await holds.snapshot(teamId); // any script purges what expired
    const { holds: stored, heldMicro } = await holds.holdsOf(teamId);
    expect(stored.map((h) => [h.requestId, h.state])).toEqual([['waiting', 'settled']]);
    expect(heldMicro).toBe(A);
  });

  it('ignores the balance of a stale applyLedger but still drops its holds', async () => {
    const { holds, teamWith } = setup();
    const teamId = teamWith(10n * A, 7n);
    await holds.place(teamId, 'a', A);
    await holds.place(teamId, 'b', A);
    await holds.applyLedger(teamId, 8n * A, 9n, ['b']);
    await holds.applyLedger(teamId, 9n * A, 8n, ['a']);
    await holds.applyLedger(teamId, 7n * A, 9n, []);
    await expect(holds.snapshot(teamId)).resolves.toEqual({
      balanceMicro: 8n * A,
      heldMicro: 0n,
      availableMicro: 8n * A,
    });
  });

  it('compares ledger versions exactly beyond 2^53', async () => {
    const { holds, teamWith } = setup();
    const teamId = teamWith(A, 2n ** 60n);
    await holds.snapshot(teamId);
    await holds.applyLedger(teamId, 2n * A, 2n ** 60n + 1n, []);
    await holds.applyLedger(teamId, 3n * A, 2n ** 60n, []);
    await expect(holds.snapshot(teamId)).resolves.toMatchObject({ balanceMicro: 2n * A });
  });

  it('caches the balance from applyLedger on a cold team without asking the loader', async () => {
    const { holds, loadAccount } = setup();
    const teamId = randomUUID();
    await holds.applyLedger(teamId, 4n * A, 3n, []);
    await expect(holds.snapshot(teamId)).resolves.toEqual({
      balanceMicro: 4n * A,
      heldMicro: 0n,
      availableMicro: 4n * A,
    });
    expect(loadAccount).not.toHaveBeenCalled();
  });

  it('keeps a newer applied balance when a slower cold load returns an older one', async () => {
    const { holds, loadAccount, teamWith } = setup();
    const teamId = teamWith(10n * A, 5n);
    let resumeLoad: () => void = () => undefined;
    loadAccount.mockImplementationOnce(async () => {
      await new Promise<void>((resolve) => (resumeLoad = resolve));
      return { balanceMicro: 10n * A, lastEntryId: 5n };
    });
    const placing = holds.place(teamId, 'req-1', A);
    await sleep(20);
    await holds.applyLedger(teamId, 6n * A, 6n, []);
    resumeLoad();
    await placing;
    await expect(holds.snapshot(teamId)).resolves.toEqual({
      balanceMicro: 6n * A,
      heldMicro: A,
      availableMicro: 5n * A,
    });
  });

  it('stops counting expired holds', async () => {
    const { holds, teamWith } = setup({ holdTtlMs: 100 });
    const teamId = teamWith(2n * A);
    await holds.place(teamId, 'abandoned', 2n * A);
    await expect(holds.place(teamId, 'next', A)).rejects.toBeInstanceOf(InsufficientCreditsError);
    await sleep(150);
    await expect(holds.snapshot(teamId)).resolves.toEqual({
      balanceMicro: 2n * A,
      heldMicro: 0n,
      availableMicro: 2n * A,
    });
    await holds.place(teamId, 'next', 2n * A);
  });

  it('lets a team’s hold keys expire once every hold has', async () => {
    const { holds, teamWith } = setup({ holdTtlMs: 1_000, settledTtlMs: 2_000, appliedTtlMs: 500 });
    const teamId = teamWith(2n * A);
    await holds.place(teamId, 'req-1', A);
    const ttls = await Promise.all(
      ['holds', 'hold-expiries', 'held'].map((k) => spec.redis.pttl(`${spec.keyPrefix}credits:{${teamId}}:${k}`)),
    );
    for (const ttl of ttls) expect(ttl).toBeGreaterThan(2_000);
    for (const ttl of ttls) expect(ttl).toBeLessThanOrEqual(3_000);
  });

  it('rejects amounts Lua cannot hold exactly', async () => {
    const { holds, teamWith } = setup();
    const teamId = teamWith(A);
    await expect(holds.place(teamId, 'huge', 2n ** 53n)).rejects.toBeInstanceOf(RangeError);
    await expect(holds.place(teamId, 'negative', -1n)).rejects.toBeInstanceOf(RangeError);
    await expect(holds.settle(teamId, 'huge', 2n ** 53n)).rejects.toBeInstanceOf(RangeError);
  });

  it('reports Redis being unreachable as service unavailable', async () => {
    const offline = new Redis({
      host: '127.0.0.1',
      port: 1,
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    const holds = new CreditHolds(offline, { keyPrefix: spec.keyPrefix }, async () => ({
      balanceMicro: A,
      lastEntryId: 1n,
    }));
    await expect(holds.place(randomUUID(), 'req-1', 1n)).rejects.toBeInstanceOf(ServiceUnavailableError);
    offline.disconnect();
  });
});
