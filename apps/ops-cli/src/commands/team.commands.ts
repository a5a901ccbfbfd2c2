import { formatCredits } from '@switchyard/contracts';
import { optional, required } from '../cli-args.util';
import { type Command, show } from './command.types';

interface Team {
  id: string;
  name: string;
  status: string;
  balanceMicro?: string;
}

const credits = (micro: string | undefined) => formatCredits(BigInt(micro ?? '0'));

export const teamCreate: Command = async (ctx) => {
  const team = await ctx.client.request<Team>('POST', '/teams', { body: { name: required(ctx.flags, 'name') } });
  show(ctx, team, (t) => [`created team ${t.id} (${t.name})`]);
  return 0;
};

/** Every team, page after page (or one page with --limit); --search narrows by name. */
export const teamList: Command = async (ctx) => {
  const limit = optional(ctx.flags, 'limit');
  const search = optional(ctx.flags, 'search');
  const teams: Team[] = [];
  let after: string | undefined;
  do {
    const query = new URLSearchParams({
      ...(after ? { after } : {}),
      ...(limit ? { limit } : {}),
      ...(search ? { q: search } : {}),
    });
    const page = await ctx.client.request<{ teams: Team[]; nextCursor: string | null }>('GET', `/teams?${query}`);
    teams.push(...page.teams);
    after = page.nextCursor ?? undefined;
  } while (after && !limit);
  show(ctx, teams, (list) => list.map((t) => `${t.id}  ${t.status.padEnd(8)}  ${t.name}`));
  return 0;
};

export const teamShow: Command = async (ctx) => {
  const team = await ctx.client.request<Team>('GET', `/teams/${required(ctx.flags, 'team')}`);
  show(ctx, team, (t) => [`${t.id}  ${t.status}  ${t.name}  balance ${credits(t.balanceMicro)} credits`]);
  return 0;
};

const setStatus =
  (action: 'disable' | 'enable'): Command =>
  async (ctx) => {
    const team = await ctx.client.request<Team>('POST', `/teams/${required(ctx.flags, 'team')}/${action}`);
    show(ctx, team, (t) => [`team ${t.id} is ${t.status}`]);
    return 0;
  };

export const teamDisable = setStatus('disable');
export const teamEnable = setStatus('enable');
