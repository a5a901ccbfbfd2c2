import { formatCredits } from '@switchyard/contracts';
import { optional, required } from '../cli-args.util';
import { type Command, show } from './command.types';

interface UsageRow {
  day?: string;
  group: string | null;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  costMicro: string;
}

/** A team's usage in aggregate: by day, model, key, task type or tier, or by day and model/tier. */
export const usage: Command = async (ctx) => {
  const query = new URLSearchParams({ groupBy: required(ctx.flags, 'group-by') });
  for (const name of ['from', 'to', 'top']) {
    const value = optional(ctx.flags, name);
    if (value) query.set(name, value);
  }
  const answer = await ctx.client.request<{ groupBy: string; rows: UsageRow[] }>(
    'GET',
    `/teams/${required(ctx.flags, 'team')}/usage?${query}`,
  );
  show(ctx, answer, ({ rows }) =>
    rows.map(
      (r) =>
        `${r.day ? `${r.day}  ` : ''}${(r.group ?? '(none)').padEnd(36)}  ${String(r.requests).padStart(8)} requests  ${String(r.promptTokens).padStart(10)} in  ${String(r.completionTokens).padStart(10)} out  ${formatCredits(BigInt(r.costMicro)).padStart(14)} credits`,
    ),
  );
  return 0;
};
