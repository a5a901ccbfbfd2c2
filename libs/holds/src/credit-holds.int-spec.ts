import { InsufficientCreditsError } from '@switchyard/contracts';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CreditHolds } from './credit-holds';
import { A, holdsOnFakeLedger, outcome, useHoldsRedis } from './credit-holds.test-util';

// Real: Redis on 127.0.0.1:6379 under a key prefix unique to this spec run.
// Faked: Postgres, as an in-memory map of accounts behind a counting loader.
const spec = useHoldsRedis('credit-holds');
const setup = (options: Parameters<typeof holdsOnFakeLedger>[1] = {}) => holdsOnFakeLedger(spec, options);

describe(CreditHolds.name, () => {
  it('lets exactly 10 of 100 concurrent holds through when the balance covers 10, loading the balance once', async () => {
    const { holds, loadAccount, teamWith } = setup();
    const teamId = teamWith(10n * A);
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) => outcome(holds.place(teamId, `req-${i}`, A))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(10);
    expect(results.filter((r) => r instanceof InsufficientCreditsError)).toHaveLength(90);
    expect(loadAccount).toHaveBeenCalledTimes(1);
    await expect(holds.snapshot(teamId)).resolves.toEqual({
      balanceMicro: 10n * A,
      heldMicro: 10n * A,
      availableMicro: 0n,
    });
  });

  it('places a hold once per request id', async () => {
    const { holds, teamWith } = setup();
    const teamId = teamWith(3n * A);
    await holds.place(teamId, 'req-1', 2n * A);
    await holds.place(teamId, 'req-1', 2n * A);
    await expect(holds.snapshot(teamId)).resolves.toEqual({
      balanceMicro: 3n * A,
      heldMicro: 2n * A,
      availableMicro: A,
    });
  });

  it('refuses a hold for a team without a credit account', async () => {
    const { holds } = setup();
    await expect(holds.place(randomUUID(), 'req-1', 1n)).rejects.toBeInstanceOf(InsufficientCreditsError);
    await expect(holds.snapshot(randomUUID())).rejects.toBeInstanceOf(InsufficientCreditsError);
  });

  it('reads a cold balance from the loader once, then from Redis', async () => {
    const { holds, loadAccount, teamWith } = setup();
    const teamId = teamWith(5n * A);
    await expect(holds.snapshot(teamId)).resolves.toEqual({
      balanceMicro: 5n * A,
      heldMicro: 0n,
      availableMicro: 5n * A,
    });
    await holds.place(teamId, 'req-1', A);
    await holds.snapshot(teamId);
    expect(loadAccount).toHaveBeenCalledTimes(1);
  });

  it('settles a hold to exactly the cost, below or above the estimate', async () => {
    const { holds, teamWith } = setup();
    const teamId = teamWith(10n * A);
    await holds.place(teamId, 'cheap', 3n * A);
    await holds.place(teamId, 'dear', A);
    await holds.settle(teamId, 'cheap', 1_234n);
    await holds.settle(teamId, 'dear', 2n * A);
    await expect(holds.snapshot(teamId)).resolves.toEqual({
      balanceMicro: 10n * A,
      heldMicro: 2n * A + 1_234n,
      availableMicro: 8n * A - 1_234n,
    });
  });

  it('settles a request whose hold already expired, so its cost still counts', async () => {
    const { holds, teamWith } = setup({ holdTtlMs: 100 });
    const teamId = teamWith(10n * A);
    await holds.place(teamId, 'slow', A);
    await sleep(150);
    await holds.settle(teamId, 'slow', 4n * A);
    await expect(holds.snapshot(teamId)).resolves.toMatchObject({ heldMicro: 4n * A, availableMicro: 6n * A });
  });

  it('releases a failed request’s hold but keeps a settled one', async () => {
    const { holds, teamWith } = setup();
    const teamId = teamWith(10n * A);
    await holds.place(teamId, 'failed', 3n * A);
    await holds.place(teamId, 'done', 2n * A);
    await holds.settle(teamId, 'done', 2n * A);
    await holds.release(teamId, 'failed');
    await holds.release(teamId, 'done');
    await holds.release(teamId, 'never-placed');
    await expect(holds.snapshot(teamId)).resolves.toEqual({
      balanceMicro: 10n * A,
      heldMicro: 2n * A,
      availableMicro: 8n * A,
    });
  });
});
