import type { UsageEvent } from '@switchyard/contracts';
import { UsageBatcher, type UsageBatcherOptions } from './usage-batcher';

// Real: the batcher. Faked: the ledger write (a jest mock that can be held open or failed).
class OwnerFault extends Error {}

function event(requestId: string): UsageEvent {
  return { requestId } as UsageEvent;
}

function setup(options: Partial<UsageBatcherOptions> = {}) {
  const apply = jest.fn<Promise<void>, [UsageEvent[]]>().mockResolvedValue(undefined);
  const batcher = new UsageBatcher(apply, {
    maxBatchSize: 3,
    maxWaitMs: 5,
    maxInFlight: 1,
    isPerEventFault: (err) => err instanceof OwnerFault,
    ...options,
  });
  const batches = () => apply.mock.calls.map(([events]) => events.map((e) => e.requestId));
  return { apply, batcher, batches };
}

describe(UsageBatcher.name, () => {
  it('writes events submitted together as one batch and resolves each after it', async () => {
    const { batcher, batches } = setup({ maxBatchSize: 10 });

    await Promise.all(['a', 'b', 'c'].map((id) => batcher.submit(event(id))));

    expect(batches()).toEqual([['a', 'b', 'c']]);
  });

  it('flushes a full batch at once and splits the rest into further batches', async () => {
    const { batcher, batches } = setup({ maxBatchSize: 2, maxWaitMs: 10_000, maxInFlight: 4 });

    const done = ['a', 'b', 'c', 'd'].map((id) => batcher.submit(event(id)));
    await Promise.all(done);

    expect(batches()).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('writes what arrived during a batch right after it, as the next batch', async () => {
    const { apply, batcher, batches } = setup({ maxBatchSize: 10 });
    let release!: () => void;
    apply.mockImplementationOnce(() => new Promise<void>((resolve) => (release = resolve)));

    const first = batcher.submit(event('a'));
    await new Promise((r) => setTimeout(r, 20));
    const later = [batcher.submit(event('b')), batcher.submit(event('c'))];
    await new Promise((r) => setTimeout(r, 20));
    expect(batches()).toEqual([['a']]);
    release();
    await Promise.all([first, ...later]);

    expect(batches()).toEqual([['a'], ['b', 'c']]);
  });

  it('rejects every event of a failed batch with the failure', async () => {
    const { apply, batcher } = setup();
    const outage = new Error('connection terminated');
    apply.mockRejectedValueOnce(outage);

    const results = await Promise.allSettled(['a', 'b'].map((id) => batcher.submit(event(id))));

    expect(results).toEqual([
      { status: 'rejected', reason: outage },
      { status: 'rejected', reason: outage },
    ]);
  });

  it('applies the events one by one after a per-event fault, so only the culprit fails', async () => {
    const { apply, batcher, batches } = setup();
    const fault = new OwnerFault('unknown team');
    apply.mockImplementation(async (events) => {
      if (events.some((e) => e.requestId === 'bad')) throw fault;
    });

    const results = await Promise.allSettled(['a', 'bad', 'c'].map((id) => batcher.submit(event(id))));

    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(batches()).toEqual([['a', 'bad', 'c'], ['a'], ['bad'], ['c']]);
  });

  it('is idle only once every submitted event was written', async () => {
    const { batcher, apply } = setup({ maxWaitMs: 30 });

    const submitted = batcher.submit(event('a'));
    await batcher.whenIdle();

    expect(apply).toHaveBeenCalledTimes(1);
    await submitted;
  });
});
