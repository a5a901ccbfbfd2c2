import { formatCredits, parseCredits } from '@switchyard/contracts';
import type { PrismaClient } from '@switchyard/db';
import { waitFor } from '@switchyard/testing';
import type { TeamFixture } from './e2e-fixtures';

export interface ServedRequest {
  requestId: string;
  /** The cost the answer's usage named. */
  credits: string;
}

/**
 * Checks that billing debited each served request exactly once, to the micro-credit, that the
 * team's balance is its grant less those debits (and the sum of its entries), and that the
 * gateway's cached balance shows no holds left. `team` served nothing else.
 */
export async function expectBilledOnce(
  prisma: PrismaClient,
  gatewayUrl: string,
  { team, grantMicro, served }: { team: TeamFixture; grantMicro: bigint; served: ServedRequest[] },
): Promise<void> {
  const ids = served.map((s) => s.requestId);
  await waitFor(async () => (await prisma.ledgerEntry.count({ where: { requestId: { in: ids } } })) === ids.length, {
    timeoutMs: 20_000,
    describe: 'billing',
  });
  for (const { requestId, credits } of served) {
    const entries = await prisma.ledgerEntry.findMany({ where: { requestId } });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ teamId: team.teamId, kind: 'usage', amountMicro: -parseCredits(credits) });
    const record = await prisma.usageRecord.findUniqueOrThrow({ where: { requestId } });
    expect(record.costMicro).toBe(parseCredits(credits));
  }
  const debits = served.reduce((sum, s) => sum + parseCredits(s.credits), 0n);
  const account = await prisma.creditAccount.findUniqueOrThrow({ where: { teamId: team.teamId } });
  expect(account.balanceMicro).toBe(grantMicro - debits);
  const sum = await prisma.ledgerEntry.aggregate({ where: { teamId: team.teamId }, _sum: { amountMicro: true } });
  expect(sum._sum.amountMicro).toBe(account.balanceMicro);

  // Billing refreshes the gateway's cached balance and drops the settled holds right after its commit.
  const credits = () =>
    fetch(`${gatewayUrl}/v1/credits`, { headers: { authorization: `Bearer ${team.apiKey}` } }).then((r) => r.json());
  const settled = await waitFor(
    async () => {
      const body = (await credits()) as { held: string };
      return body.held === '0.000000' && body;
    },
    { timeoutMs: 20_000, describe: 'the holds to be applied' },
  );
  const balance = formatCredits(account.balanceMicro);
  expect(settled).toEqual({ object: 'credits', team_id: team.teamId, balance, held: '0.000000', available: balance });
}
