import { randomUUID } from 'node:crypto';
import { TeamNotFoundError } from '@switchyard/contracts';
import { LedgerService } from './ledger.service';
import { createOwner, useLedgerDatabase } from './ledger.test-util';

// Real: Postgres (the per-run database from the jest global setup). Faked: nothing.
const db = useLedgerDatabase();
const setup = (grantMicro = 0n) => createOwner(db.prisma, db.ledger, grantMicro);

describe(LedgerService.name, () => {
  describe('grant', () => {
    it('adds credits once per idempotency key, also under 5 concurrent calls', async () => {
      const owner = await setup();
      const options = { idempotencyKey: `grant:${randomUUID()}`, actor: 'admin:spec', memo: 'welcome' };

      const results = await Promise.all(
        Array.from({ length: 5 }, () => db.ledger.grant(owner.teamId, 3_000_000n, options)),
      );

      expect(results.filter((r) => r.applied)).toHaveLength(1);
      const entries = await db.prisma.ledgerEntry.findMany({ where: { teamId: owner.teamId } });
      expect(entries).toEqual([
        expect.objectContaining({
          kind: 'grant',
          amountMicro: 3_000_000n,
          balanceAfterMicro: 3_000_000n,
          idempotencyKey: options.idempotencyKey,
          actor: 'admin:spec',
          memo: 'welcome',
        }),
      ]);
      expect(results).toEqual(
        Array.from({ length: 5 }, (_, i) => ({
          entryId: entries[0].id,
          balanceMicro: 3_000_000n,
          applied: results[i].applied,
        })),
      );
      await expect(db.ledger.balanceOf(owner.teamId)).resolves.toEqual({
        teamId: owner.teamId,
        balanceMicro: 3_000_000n,
        lastEntryId: entries[0].id,
      });
    });

    it('refuses to reuse an idempotency key for a different grant', async () => {
      const owner = await setup();
      const options = { idempotencyKey: `grant:${randomUUID()}`, actor: 'admin:spec' };
      await db.ledger.grant(owner.teamId, 1_000n, options);

      await expect(db.ledger.grant(owner.teamId, 2_000n, options)).rejects.toMatchObject({
        code: 'invalid_request',
        param: 'idempotency_key',
      });
    });

    it('rejects unknown teams and non-positive amounts', async () => {
      const owner = await setup();
      await expect(
        db.ledger.grant(randomUUID(), 1n, { idempotencyKey: randomUUID(), actor: 'spec' }),
      ).rejects.toBeInstanceOf(TeamNotFoundError);
      await expect(
        db.ledger.grant('not-a-uuid', 1n, { idempotencyKey: randomUUID(), actor: 'spec' }),
      ).rejects.toBeInstanceOf(TeamNotFoundError);
      expect(() => db.ledger.grant(owner.teamId, 0n, { idempotencyKey: randomUUID(), actor: 'spec' })).toThrow(
        expect.objectContaining({ param: 'amount' }),
      );
    });
  });

  describe('verifyTeam', () => {
    it('reports drift when the balance no longer matches the entries', async () => {
      const owner = await setup(5_000n);
      await db.prisma.creditAccount.update({ where: { teamId: owner.teamId }, data: { balanceMicro: 4_000n } });

      await expect(db.ledger.verifyTeam(owner.teamId)).resolves.toEqual({
        ok: false,
        balanceMicro: 4_000n,
        sumMicro: 5_000n,
        lastBalanceAfterMicro: 5_000n,
        entryCount: 1,
      });
    });

    it('treats a team without an account or entries as consistent at zero', async () => {
      const owner = await setup();
      await expect(db.ledger.verifyTeam(owner.teamId)).resolves.toEqual({
        ok: true,
        balanceMicro: 0n,
        sumMicro: 0n,
        lastBalanceAfterMicro: null,
        entryCount: 0,
      });
      await expect(db.ledger.balanceOf(owner.teamId)).resolves.toEqual({
        teamId: owner.teamId,
        balanceMicro: 0n,
        lastEntryId: 0n,
      });
    });
  });
});
