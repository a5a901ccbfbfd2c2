import { Inject, Injectable } from '@nestjs/common';
import { PrismaService } from '@switchyard/db';
import { CreditHolds } from '@switchyard/holds';
import { spendSeries, spendWindow } from './spend-days.util';

export interface TeamRow {
  id: string;
  name: string;
  status: 'active' | 'disabled';
  createdAt: Date;
  updatedAt: Date;
  balanceMicro: bigint;
}

/** Teams at a time in one holds round trip: bounds the commands in flight for a large install. */
const HELD_CHUNK = 500;

/**
 * The sums the console shows over many teams, each in one statement however many teams there
 * are (no query per team): balances from the ledger's accounts, spend from the usage records
 * (index on occurred_at for all teams, (team_id, occurred_at) for some), holds from Redis.
 * Spend is what requests cost the day they happened (UTC): refunds are ledger entries of their own.
 */
@Injectable()
export class ConsoleStatsService {
  constructor(
    @Inject(PrismaService) private readonly prisma: PrismaService,
    @Inject(CreditHolds) private readonly holds: CreditHolds,
  ) {}

  /** A page of teams by id with their balances; `q` matches a substring of the name, in any case. */
  teamsPage(page: { after?: string; limit: number; q?: string }, onlyTeamId: string | null): Promise<TeamRow[]> {
    const pattern = page.q === undefined ? null : `%${page.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    return this.prisma.$queryRaw<TeamRow[]>`
      SELECT t.id::text AS id, t.name, t.status::text AS status, t.created_at AS "createdAt", t.updated_at AS "updatedAt",
        coalesce(a.balance_micro, 0)::bigint AS "balanceMicro"
      FROM teams t LEFT JOIN credit_accounts a ON a.team_id = t.id
      WHERE (${onlyTeamId}::uuid IS NULL OR t.id = ${onlyTeamId}::uuid)
        AND (${page.after ?? null}::uuid IS NULL OR t.id > ${page.after ?? null}::uuid)
        AND (${pattern}::text IS NULL OR t.name ILIKE ${pattern}::text)
      ORDER BY t.id LIMIT ${page.limit + 1}`;
  }

  /** Each team's spend per charted day (oldest first, zero-filled), by team id. */
  async spendByTeam(teamIds: readonly string[]): Promise<Map<string, bigint[]>> {
    const { since, days } = spendWindow();
    const rows = await this.prisma.$queryRaw<{ teamId: string; day: string; spent: bigint }[]>`
      SELECT team_id::text AS "teamId", to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day,
        sum(cost_micro)::bigint AS spent
      FROM usage_records WHERE team_id = ANY(${teamIds}::uuid[]) AND occurred_at >= ${since}
      GROUP BY 1, 2`;
    const byTeam = new Map(teamIds.map((id) => [id, new Map<string, bigint>()]));
    for (const row of rows) byTeam.get(row.teamId)?.set(row.day, row.spent);
    return new Map([...byTeam].map(([id, spent]) => [id, spendSeries(days, spent)]));
  }

  /** Spend per charted day across every team (or one), oldest first, zero-filled. */
  async spendPerDay(onlyTeamId: string | null): Promise<{ day: string; spentMicro: bigint }[]> {
    const { since, days } = spendWindow();
    const rows = await this.prisma.$queryRaw<{ day: string; spent: bigint }[]>`
      SELECT to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, sum(cost_micro)::bigint AS spent
      FROM usage_records
      WHERE occurred_at >= ${since} AND (${onlyTeamId}::uuid IS NULL OR team_id = ${onlyTeamId}::uuid)
      GROUP BY 1`;
    const series = spendSeries(days, new Map(rows.map((r) => [r.day, r.spent])));
    return days.map((day, i) => ({ day, spentMicro: series[i] }));
  }

  /** The balances and holds of every team (or one), summed. */
  async totals(onlyTeamId: string | null): Promise<{ balanceMicro: bigint; heldMicro: bigint }> {
    const [[{ balance }], teams] = await Promise.all([
      this.prisma.$queryRaw<{ balance: bigint }[]>`
        SELECT coalesce(sum(balance_micro), 0)::bigint AS balance FROM credit_accounts
        WHERE (${onlyTeamId}::uuid IS NULL OR team_id = ${onlyTeamId}::uuid)`,
      this.prisma.$queryRaw<{ id: string }[]>`
        SELECT id::text AS id FROM teams WHERE (${onlyTeamId}::uuid IS NULL OR id = ${onlyTeamId}::uuid)`,
    ]);
    let heldMicro = 0n;
    for (let i = 0; i < teams.length; i += HELD_CHUNK) {
      const held = await this.holds.heldOf(teams.slice(i, i + HELD_CHUNK).map((t) => t.id));
      for (const amount of held.values()) heldMicro += amount;
    }
    return { balanceMicro: balance, heldMicro };
  }
}
