import { randomUUID } from 'node:crypto';
import { LedgerService } from './ledger.service';
import { createOwner, ledgerUsageEvent, useLedgerDatabase } from './ledger.test-util';
import { UsageOwnerNotFoundError } from './usage-owner-not-found.error';

// Real: Postgres (the per-run database from the jest global setup). Faked: nothing.
const db = useLedgerDatabase();
const setup = (grantMicro = 0n) => createOwner(db.prisma, db.ledger, grantMicro);
const usageEvent = ledgerUsageEvent;

function usageEntries(teamId: string) {
  return db.prisma.ledgerEntry.findMany({ where: { teamId, kind: 'usage' }, orderBy: { id: 'asc' } });
}

describe(`${LedgerService.name}.applyUsageEvents`, () => {
  describe('applyUsageEvents', () => {
    it('records the usage and debits the cost with a running balance', async () => {
      const owner = await setup(1_000_000n);
      const [a, b] = [usageEvent(owner, 300_000n, 'req-a'), usageEvent(owner, 200_000n, 'req-b')].map((e) => ({
        ...e,
        requestId: `${e.requestId}-${owner.teamId}`,
      }));

      const applied = await db.ledger.applyUsageEvents([b, a]);

      const entries = await usageEntries(owner.teamId);
      expect(entries.map((e) => [e.requestId, e.amountMicro, e.balanceAfterMicro, e.apiKeyId])).toEqual([
        [a.requestId, -300_000n, 700_000n, owner.apiKeyId],
        [b.requestId, -200_000n, 500_000n, owner.apiKeyId],
      ]);
      expect(applied).toEqual([
        {
          teamId: owner.teamId,
          balanceMicro: 500_000n,
          lastEntryId: entries[1].id,
          appliedRequestIds: [a.requestId, b.requestId],
          settledRequestIds: [a.requestId, b.requestId],
        },
      ]);
      const record = await db.prisma.usageRecord.findUniqueOrThrow({ where: { requestId: a.requestId } });
      expect(record).toMatchObject({
        teamId: owner.teamId,
        apiKeyId: owner.apiKeyId,
        model: 'core-small',
        tier: 'core',
        taskType: 'summarize',
        promptTokens: 100,
        completionTokens: 20,
        costMicro: 300_000n,
        latencyMs: 42,
        status: 'completed',
        occurredAt: new Date('2025-06-01T12:00:00.000Z'),
      });
      await expect(
        db.prisma.creditAccount.findUniqueOrThrow({ where: { teamId: owner.teamId } }),
      ).resolves.toMatchObject({
        balanceMicro: 500_000n,
        lastEntryId: entries[1].id,
      });
    });

    it('debits once when the event is redelivered', async () => {
      const owner = await setup(1_000_000n);
      const event = usageEvent(owner, 250_000n);
      const first = await db.ledger.applyUsageEvents([event]);

      const again = await db.ledger.applyUsageEvents([event]);

      expect(await usageEntries(owner.teamId)).toHaveLength(1);
      expect(again).toEqual([{ ...first[0], appliedRequestIds: [], settledRequestIds: [event.requestId] }]);
      expect(await db.ledger.balanceOf(owner.teamId)).toEqual({
        teamId: owner.teamId,
        balanceMicro: 750_000n,
        lastEntryId: first[0].lastEntryId,
      });
    });

    it('debits each request once for duplicates inside a batch and across batches', async () => {
      const owner = await setup(10_000_000n);
      const [e1, e2, e3] = [usageEvent(owner, 1_000n), usageEvent(owner, 2_000n), usageEvent(owner, 4_000n)];

      const first = await db.ledger.applyUsageEvents([e1, e2, e1, e2]);
      const second = await db.ledger.applyUsageEvents([e2, e3, e3, e1]);

      expect(first[0].appliedRequestIds.sort()).toEqual([e1.requestId, e2.requestId].sort());
      expect(second[0].appliedRequestIds).toEqual([e3.requestId]);
      expect(second[0].settledRequestIds.sort()).toEqual([e1.requestId, e2.requestId, e3.requestId].sort());
      expect(second[0].balanceMicro).toBe(10_000_000n - 7_000n);
      expect(await usageEntries(owner.teamId)).toHaveLength(3);
      expect(await db.prisma.usageRecord.count({ where: { teamId: owner.teamId } })).toBe(3);
      await expect(db.ledger.verifyTeam(owner.teamId)).resolves.toMatchObject({
        ok: true,
        balanceMicro: 9_993_000n,
        sumMicro: 9_993_000n,
      });
    });

    it('reports every team of a mixed batch separately', async () => {
      const [x, y] = [await setup(1_000n), await setup(2_000n)];

      const applied = await db.ledger.applyUsageEvents([usageEvent(x, 10n), usageEvent(y, 20n), usageEvent(y, 30n)]);

      const byTeam = Object.fromEntries(applied.map((a) => [a.teamId, [a.balanceMicro, a.appliedRequestIds.length]]));
      expect(byTeam).toEqual({ [x.teamId]: [990n, 1], [y.teamId]: [1_950n, 2] });
    });

    it('debits a served request even when it takes the balance below zero', async () => {
      const owner = await setup(100n);

      const [applied] = await db.ledger.applyUsageEvents([usageEvent(owner, 250n)]);

      expect(applied.balanceMicro).toBe(-150n);
      await expect(db.ledger.verifyTeam(owner.teamId)).resolves.toMatchObject({ ok: true, balanceMicro: -150n });
    });

    it('creates the account of a team that was never granted credits', async () => {
      const owner = await setup();

      const [applied] = await db.ledger.applyUsageEvents([usageEvent(owner, 5n)]);

      expect(applied.balanceMicro).toBe(-5n);
      await expect(db.ledger.verifyTeam(owner.teamId)).resolves.toMatchObject({ ok: true, sumMicro: -5n });
    });

    it('keeps balance = sum(entries) under 20 concurrent batches for one team', async () => {
      const owner = await setup(1_000_000_000n);
      const shared = usageEvent(owner, 7n);
      const batches = Array.from({ length: 20 }, (_, i) => [
        usageEvent(owner, BigInt(1_000 + i)),
        usageEvent(owner, 1n),
        shared,
      ]);

      const results = await Promise.all(batches.map((batch) => db.ledger.applyUsageEvents(batch)));

      const expectedDebit = batches.reduce((sum, [first]) => sum + BigInt(first.costMicro) + 1n, 0n) + 7n;
      const verification = await db.ledger.verifyTeam(owner.teamId);
      expect(verification).toEqual({
        ok: true,
        balanceMicro: 1_000_000_000n - expectedDebit,
        sumMicro: 1_000_000_000n - expectedDebit,
        lastBalanceAfterMicro: 1_000_000_000n - expectedDebit,
        entryCount: 41 + 1,
      });
      expect(results.flat().filter((r) => r.appliedRequestIds.includes(shared.requestId))).toHaveLength(1);
      const entries = await usageEntries(owner.teamId);
      entries.reduce((balance, entry) => {
        expect(entry.balanceAfterMicro).toBe(balance + entry.amountMicro);
        return entry.balanceAfterMicro;
      }, 1_000_000_000n);
    });

    it('keeps every team’s chain and last entry exact under concurrent batches over overlapping teams, one of them new', async () => {
      const owners = [await setup(1_000_000n), await setup(2_000_000n), await setup()];
      const duplicate = usageEvent(owners[2], 11n);
      const batches = Array.from({ length: 30 }, (_, i) => [
        usageEvent(owners[i % 3], BigInt(100 + i)),
        usageEvent(owners[(i + 1) % 3], BigInt(200 + i)),
        ...(i % 5 === 0 ? [duplicate] : []),
      ]);

      await Promise.all(batches.map((batch) => db.ledger.applyUsageEvents(batch)));

      const granted = [1_000_000n, 2_000_000n, 0n];
      for (const [i, owner] of owners.entries()) {
        const debits = batches.flat().filter((e) => e.teamId === owner.teamId && e !== duplicate);
        const expected = granted[i] - debits.reduce((sum, e) => sum + BigInt(e.costMicro), 0n) - (i === 2 ? 11n : 0n);
        await expect(db.ledger.verifyTeam(owner.teamId)).resolves.toMatchObject({ ok: true, balanceMicro: expected });
        const entries = await usageEntries(owner.teamId);
        expect(entries).toHaveLength(debits.length + (i === 2 ? 1 : 0));
        entries.reduce((balance, entry) => {
          expect(entry.balanceAfterMicro).toBe(balance + entry.amountMicro);
          return entry.balanceAfterMicro;
        }, granted[i]);
        const account = await db.prisma.creditAccount.findUniqueOrThrow({ where: { teamId: owner.teamId } });
        expect(account.lastEntryId).toBe(entries[entries.length - 1].id);
      }
    });

    it('keeps BigInt amounts exact far beyond 2^53', async () => {
      // Operators cannot grant past 2^53 − 1 (LedgerService.post refuses it), so the balance is
      // written straight into Postgres, as one from before that limit would be.
      const owner = await setup();
      const { id } = await db.prisma.ledgerEntry.create({
        data: {
          teamId: owner.teamId,
          amountMicro: 9_000_000_000_000_000_000n,
          balanceAfterMicro: 9_000_000_000_000_000_000n,
          kind: 'grant',
          idempotencyKey: `spec:${owner.teamId}`,
          actor: 'spec',
        },
      });
      await db.prisma.creditAccount.create({
        data: { teamId: owner.teamId, balanceMicro: 9_000_000_000_000_000_000n, lastEntryId: id },
      });
      const cost = 1_234_567_890_123_456_789n;

      const [applied] = await db.ledger.applyUsageEvents([usageEvent(owner, cost)]);

      expect(applied.balanceMicro).toBe(9_000_000_000_000_000_000n - cost);
      const [entry] = await usageEntries(owner.teamId);
      expect(entry.amountMicro).toBe(-cost);
      await expect(db.prisma.usageRecord.findFirstOrThrow({ where: { teamId: owner.teamId } })).resolves.toMatchObject({
        costMicro: cost,
      });
      await expect(db.ledger.verifyTeam(owner.teamId)).resolves.toMatchObject({
        ok: true,
        balanceMicro: 7_765_432_109_876_543_211n,
      });
    });

    it('rejects an event for a team that does not exist and writes nothing', async () => {
      const owner = await setup();
      const event = usageEvent({ ...owner, teamId: randomUUID() }, 5n);

      await expect(db.ledger.applyUsageEvents([event])).rejects.toBeInstanceOf(UsageOwnerNotFoundError);
      expect(await db.prisma.usageRecord.count({ where: { requestId: event.requestId } })).toBe(0);
    });
  });
});
