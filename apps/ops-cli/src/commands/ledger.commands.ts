import { formatCredits } from '@switchyard/contracts';
import { optional, required } from '../cli-args.util';
import { type Command, show } from './command.types';

interface Entry {
  id: string;
  createdAt: string;
  kind: string;
  amountMicro: string;
  balanceAfterMicro: string;
  requestId: string | null;
  refundsRequestId: string | null;
  actor: string;
  memo: string | null;
}

interface Drift {
  teamId: string;
  check: string;
  detail: string;
}

/** The ledger's filters: flag → query parameter. */
const LEDGER_FILTERS = [
  ['kind', 'kind'],
  ['from', 'from'],
  ['to', 'to'],
  ['key', 'keyId'],
  ['request', 'requestId'],
  ['cursor', 'cursor'],
  ['limit', 'limit'],
] as const;

export const ledgerShow: Command = async (ctx) => {
  const { client, flags, print } = ctx;
  const team = required(flags, 'team');
  const query = new URLSearchParams();
  for (const [flag, param] of LEDGER_FILTERS) {
    const value = optional(flags, flag);
    if (value) query.set(param, value);
  }
  if (flags.csv) {
    print((await client.request<string>('GET', `/teams/${team}/ledger/export?${query}`, { raw: true })).trimEnd());
    return 0;
  }
  const page = await client.request<{ entries: Entry[]; nextCursor: string | null }>(
    'GET',
    `/teams/${team}/ledger?${query}`,
  );
  show(ctx, page, ({ entries, nextCursor }) => [
    ...entries.map((e) => {
      const ref = e.requestId ?? e.refundsRequestId ?? '';
      return `${e.id.padStart(8)}  ${e.createdAt}  ${e.kind.padEnd(10)}  ${formatCredits(BigInt(e.amountMicro)).padStart(14)}  ${formatCredits(BigInt(e.balanceAfterMicro)).padStart(14)}  ${e.actor}  ${ref}${e.memo ? `  "${e.memo}"` : ''}`;
    }),
    ...(nextCursor ? [`more: --cursor ${nextCursor}`] : []),
  ]);
  return 0;
};

/** Exit 1 when anything drifted, so it can gate a cron job or a deploy. */
export const verify: Command = async (ctx) => {
  const team = optional(ctx.flags, 'team');
  const report = await ctx.client.request<{ ok: boolean; teamsChecked: number; drifts: Drift[] }>(
    'GET',
    `/reconciliation${team ? `?teamId=${team}` : ''}`,
  );
  show(ctx, report, (r) => [
    ...r.drifts.map((drift) => `DRIFT ${drift.teamId} ${drift.check}: ${drift.detail}`),
    r.ok
      ? `ok: ${r.teamsChecked} team(s), no drift`
      : `${r.drifts.length} drift(s) in ${r.teamsChecked} team(s) checked`,
  ]);
  return report.ok ? 0 : 1;
};
