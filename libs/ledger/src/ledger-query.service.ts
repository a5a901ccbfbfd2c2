import type { Prisma, PrismaClient } from '@switchyard/db';
import { LEDGER_ENTRY_SELECT, type LedgerEntryKind, type LedgerEntryView } from './ledger-entry.types';

export interface LedgerFilter {
  kind?: LedgerEntryKind;
  /** Inclusive lower bound on the entry's time. */
  from?: Date;
  /** Exclusive upper bound on the entry's time. */
  to?: Date;
  apiKeyId?: string;
  /** Matches the usage entry of that request and its refund. */
  requestId?: string;
}

export interface LedgerPage {
  entries: LedgerEntryView[];
  /** Pass as `before` for the next (older) page; null on the last one. */
  nextCursor: bigint | null;
}

/**
 * `day`, `model`, `key`, `task_type`, `tier`: one row per value. `day_model`, `day_tier`: one row
 * per day and model (or tier), for charts of usage by day split by model or tier.
 */
export type UsageGrouping = 'day' | 'model' | 'key' | 'task_type' | 'tier' | 'day_model' | 'day_tier';

export const USAGE_GROUPINGS: readonly UsageGrouping[] = [
  'day',
  'model',
  'key',
  'task_type',
  'tier',
  'day_model',
  'day_tier',
];

export interface UsageAggregate {
  /** Set by the day_* groupings: the day (YYYY-MM-DD, UTC) the group is split by. */
  day?: string;
  /** The day (YYYY-MM-DD, UTC), model alias, key id, task type or tier; null task type = model chosen directly. */
  group: string | null;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  costMicro: bigint;
}

const DAY = `to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`;

/**
 * Fixed SQL per grouping, spliced into the query text (never client input). Plain strings rather
 * than Prisma.sql fragments keep this module free of run-time imports of the Prisma client, so
 * processes that use the credits library without Prisma (the gateway) never load it.
 */
const GROUP_EXPRESSIONS: Record<UsageGrouping, { group: string; byDay: boolean }> = {
  day: { group: DAY, byDay: false },
  model: { group: 'model', byDay: false },
  key: { group: 'api_key_id::text', byDay: false },
  task_type: { group: 'task_type', byDay: false },
  tier: { group: 'tier', byDay: false },
  day_model: { group: 'model', byDay: true },
  day_tier: { group: 'tier', byDay: true },
};

/** Read side of the ledger for operators: newest first, keyset-paginated on the entry id. */
export class LedgerQueryService {
  constructor(private readonly prisma: PrismaClient) {}

  async listEntries(
    teamId: string,
    filter: LedgerFilter,
    page: { before?: bigint; limit: number },
  ): Promise<LedgerPage> {
    const rows = await this.prisma.ledgerEntry.findMany({
      where: { ...whereOf(teamId, filter), ...(page.before !== undefined ? { id: { lt: page.before } } : {}) },
      select: LEDGER_ENTRY_SELECT,
      orderBy: { id: 'desc' },
      take: page.limit + 1,
    });
    const entries = rows.slice(0, page.limit);
    return { entries, nextCursor: rows.length > page.limit ? entries[entries.length - 1].id : null };
  }

  /** Every matching entry, page by page, for exports that must not hold the whole ledger in memory. */
  async *allEntries(teamId: string, filter: LedgerFilter, pageSize = 1_000): AsyncGenerator<LedgerEntryView[]> {
    let before: bigint | undefined;
    for (;;) {
      const page = await this.listEntries(teamId, filter, { before, limit: pageSize });
      if (page.entries.length > 0) yield page.entries;
      if (page.nextCursor === null) return;
      before = page.nextCursor;
    }
  }

  /**
   * Usage in aggregate, oldest day (then group) first; with `top`, only the `top` rows that cost
   * most, most first (a team's top models, keys or task types).
   */
  async usageAggregates(
    teamId: string,
    groupBy: UsageGrouping,
    range: { from?: Date; to?: Date },
    top?: number,
  ): Promise<UsageAggregate[]> {
    const { group, byDay } = GROUP_EXPRESSIONS[groupBy];
    const keys = byDay ? `${DAY} AS day, ${group} AS "group"` : `${group} AS "group"`;
    const order = top === undefined ? (byDay ? '1, 2 NULLS FIRST' : '1 NULLS FIRST') : 'cost DESC, "group" NULLS FIRST';
    const rows = await this.prisma.$queryRawUnsafe<
      { day?: string; group: string | null; requests: bigint; prompt: bigint; completion: bigint; cost: bigint }[]
    >(
      `SELECT ${keys}, count(*) AS requests, coalesce(sum(prompt_tokens), 0)::bigint AS prompt,
        coalesce(sum(completion_tokens), 0)::bigint AS completion, coalesce(sum(cost_micro), 0)::bigint AS cost
      FROM usage_records
      WHERE team_id = $1::uuid AND occurred_at >= $2 AND occurred_at < $3
      GROUP BY ${byDay ? '1, 2' : '1'} ORDER BY ${order} LIMIT $4`,
      teamId,
      range.from ?? new Date(0),
      range.to ?? new Date('9999-12-31T00:00:00Z'),
      top ?? null,
    );
    return rows.map((r) => ({
      ...(byDay ? { day: r.day } : {}),
      group: r.group,
      requests: Number(r.requests),
      promptTokens: Number(r.prompt),
      completionTokens: Number(r.completion),
      costMicro: r.cost,
    }));
  }
}

function whereOf(teamId: string, filter: LedgerFilter): Prisma.LedgerEntryWhereInput {
  return {
    teamId,
    ...(filter.kind ? { kind: filter.kind } : {}),
    ...(filter.apiKeyId ? { apiKeyId: filter.apiKeyId } : {}),
    ...(filter.requestId ? { OR: [{ requestId: filter.requestId }, { refundsRequestId: filter.requestId }] } : {}),
    ...(filter.from || filter.to
      ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } }
      : {}),
  };
}
