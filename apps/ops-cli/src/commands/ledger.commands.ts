import { formatCredits } from '@switchyard/contracts';
import { optional, required } from '../cli-args.util';
import type { Command } from './command.types';

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

export const ledgerShow: Command = async ({ client, flags, print }) => {
  const team = required(flags, 'team');
  const query = new URLSearchParams();
  for (const name of ['kind', 'from', 'to', 'cursor', 'limit']) {
    const value = optional(flags, name);
    if (value) query.set(name, value);
  }
  if (flags.csv) {
    print((await client.request<string>('GET', `/teams/${team}/ledger/export?${query}`, { raw: true })).trimEnd());
    return 0;
  }
  const page = await client.request<{ entries: Entry[]; nextCursor: string | null }>(
    'GET',
    `/teams/${team}/ledger?${query}`,
  );
  for (const e of page.entries) {
    const ref = e.requestId ?? e.refundsRequestId ?? '';
    print(
      `${e.id.padStart(8)}  ${e.createdAt}  ${e.kind.padEnd(10)}  ${formatCredits(BigInt(e.amountMicro)).padStart(14)}  ${formatCredits(BigInt(e.balanceAfterMicro)).padStart(14)}  ${e.actor}  ${ref}${e.memo ? `  "${e.memo}"` : ''}`,
    );
  }
  if (page.nextCursor) print(`more: --cursor ${page.nextCursor}`);
  return 0;
};

/** Exit 1 when anything drifted, so it can gate a cron job or a deploy. */
export const verify: Command = async ({ client, flags, print }) => {
  const team = optional(flags, 'team');
  const report = await client.request<{ ok: boolean; teamsChecked: number; drifts: Drift[] }>(
    'GET',
    `/reconciliation${team ? `?teamId=${team}` : ''}`,
  );
  for (const drift of report.drifts) print(`DRIFT ${drift.teamId} ${drift.check}: ${drift.detail}`);
  print(
    report.ok
      ? `ok: ${report.teamsChecked} team(s), no drift`
      : `${report.drifts.length} drift(s) in ${report.teamsChecked} team(s) checked`,
  );
  return report.ok ? 0 : 1;
};
