import type { PrismaClient } from '@switchyard/db';
import type { CreditHolds } from '@switchyard/holds';
import { billedRequests, chainBreaks, teamTotals, type TeamTotals, usagePairing } from './reconciliation-queries.util';
import type { Drift, ReconciliationReport } from './reconciliation.types';

export type HoldsReader = Pick<CreditHolds, 'holdsOf'>;

/**
 * Checks every ledger invariant, per team, from one consistent snapshot (repeatable read), then
 * the teams' holds in Redis: balance = sum of entries = the newest balance_after; the
 * balance_after chain; one usage entry per usage record and back; refunds reverse one usage
 * entry; no hold outliving its request (billed, or expired) and the held total = its holds.
 */
export class ReconciliationService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly holds: HoldsReader,
  ) {}

  /** All teams, or only `teamId`. */
  async run(teamId: string | null = null): Promise<ReconciliationReport> {
    const checkedAt = new Date();
    const { totals, drifts } = await this.prisma.$transaction(
      async (tx) => {
        const totals = await teamTotals(tx, teamId);
        const drifts = [
          ...totals.flatMap(totalsDrift),
          ...(await chainBreaks(tx, teamId)),
          ...(await usagePairing(tx, teamId)),
        ];
        return { totals, drifts };
      },
      { isolationLevel: 'RepeatableRead', timeout: 60_000 },
    );
    for (const team of totals) drifts.push(...(await this.holdDrift(team.teamId)));
    drifts.sort((a, b) => (a.teamId < b.teamId ? -1 : a.teamId > b.teamId ? 1 : 0));
    return { ok: drifts.length === 0, teamsChecked: totals.length, drifts, checkedAt };
  }

  private async holdDrift(teamId: string): Promise<Drift[]> {
    const { holds, heldMicro, nowMs } = await this.holds.holdsOf(teamId);
    const live = holds.filter((h) => h.state !== 'applied');
    const drifts: Drift[] = [];
    const counted = live.reduce((sum, h) => sum + h.amountMicro, 0n);
    if (counted !== heldMicro)
      drifts.push({
        teamId,
        check: 'held_total',
        detail: `held total is ${heldMicro} but the holds add up to ${counted}`,
      });
    // Read after the holds: a request billed meanwhile is then seen as billed, never the reverse.
    // A gateway's lease is no request's and is never billed; it can only outlive its gateway.
    const billed = await billedRequests(
      this.prisma,
      live.filter((h) => h.state !== 'leased').map((h) => h.requestId),
    );
    for (const hold of live) {
      const what = hold.state === 'leased' ? hold.requestId : `request ${hold.requestId}`;
      if (billed.has(hold.requestId)) {
        drifts.push({
          teamId,
          check: 'orphan_hold',
          detail: `${hold.state} hold of ${hold.amountMicro} for ${what}, which is already billed`,
        });
      } else if (hold.expiresAtMs !== null && hold.expiresAtMs <= nowMs) {
        drifts.push({
          teamId,
          check: 'orphan_hold',
          detail: `${hold.state} hold of ${hold.amountMicro} for ${what} expired ${nowMs - hold.expiresAtMs} ms ago`,
        });
      }
    }
    return drifts;
  }
}

function totalsDrift(team: TeamTotals): Drift[] {
  const drifts: Drift[] = [];
  if (team.balance !== team.sum) {
    drifts.push({
      teamId: team.teamId,
      check: 'balance_vs_entries',
      detail: `balance is ${team.balance} but the entries sum to ${team.sum}`,
    });
  }
  if (team.lastEntryId !== team.maxId) {
    drifts.push({
      teamId: team.teamId,
      check: 'last_entry_id',
      detail: `account reflects entry ${team.lastEntryId} but the newest entry is ${team.maxId}`,
    });
  }
  return drifts;
}
