import type { UsageEvent } from '@switchyard/contracts';
import { type AppliedUsage, type LedgerService, UsageOwnerNotFoundError } from '@switchyard/ledger';
import type { CreditHolds } from '@switchyard/holds';
import { usageEventFixture } from '@switchyard/testing';
import { type Job, UnrecoverableError } from 'bullmq';
import type { BillingConfig } from '../config/billing-config';
import { UsageBillingService } from './usage-billing.service';
import { UsageProcessor } from './usage.processor';

// Real: the processor and UsageBillingService. Faked: the ledger and the hold cache (their own
// specs run against Postgres and Redis).
function setup() {
  const applied: AppliedUsage = {
    teamId: event().teamId,
    balanceMicro: 900n,
    lastEntryId: 7n,
    appliedRequestIds: ['req-1'],
    settledRequestIds: ['req-1'],
  };
  const ledger = { applyUsageEvents: jest.fn().mockResolvedValue([applied]) };
  const holds = { applyLedger: jest.fn().mockResolvedValue(undefined) };
  const billing = new UsageBillingService(ledger as unknown as LedgerService, holds as unknown as CreditHolds);
  // Only the part of the config the processor reads, built by hand.
  const config = { usage: { concurrency: 8, batchSize: 10, batchWaitMs: 0, batchesInFlight: 1 } } as BillingConfig;
  const processor = new UsageProcessor(billing, config);
  return { ledger, holds, processor, applied };
}

const EVENT = usageEventFixture({ requestId: 'req-1', occurredAt: '2025-06-01T12:00:00.000Z' });
function event(): UsageEvent {
  return structuredClone(EVENT);
}

const job = (data: unknown) => ({ id: 'req-1', data }) as Job<unknown>;

describe(UsageProcessor.name, () => {
  it('debits the event, then settles its hold with the new balance', async () => {
    const { ledger, holds, processor, applied } = setup();

    await processor.process(job(event()));

    expect(ledger.applyUsageEvents).toHaveBeenCalledWith([event()]);
    expect(holds.applyLedger).toHaveBeenCalledWith(applied.teamId, 900n, 7n, ['req-1']);
  });

  it('fails a malformed event for good without touching the ledger', async () => {
    const { ledger, processor } = setup();

    await expect(processor.process(job({ ...event(), tier: 'gold' }))).rejects.toBeInstanceOf(UnrecoverableError);
    expect(ledger.applyUsageEvents).not.toHaveBeenCalled();
  });

  it('fails an event for an unknown team or key for good', async () => {
    const { ledger, processor } = setup();
    ledger.applyUsageEvents.mockRejectedValue(new UsageOwnerNotFoundError(new Error('fk')));

    await expect(processor.process(job(event()))).rejects.toBeInstanceOf(UnrecoverableError);
  });

  it('throws a failed debit as is, so BullMQ retries the job', async () => {
    const { ledger, holds, processor } = setup();
    const outage = new Error('connection terminated');
    ledger.applyUsageEvents.mockRejectedValue(outage);

    await expect(processor.process(job(event()))).rejects.toBe(outage);
    expect(holds.applyLedger).not.toHaveBeenCalled();
  });

  it('throws when the hold cache cannot be updated, so the retry repeats it', async () => {
    const { holds, processor } = setup();
    holds.applyLedger.mockRejectedValue(new Error('redis down'));

    await expect(processor.process(job(event()))).rejects.toThrow('redis down');
  });
});
