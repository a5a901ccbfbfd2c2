import { formatCredits } from '@switchyard/contracts';
import { optional, required } from '../cli-args.util';
import type { Command } from './command.types';

interface Team {
  id: string;
  name: string;
  status: string;
  balanceMicro?: string;
}

export const teamCreate: Command = async ({ client, flags, print }) => {
  const team = await client.request<Team>('POST', '/teams', { body: { name: required(flags, 'name') } });
  print(`created team ${team.id} (${team.name})`);
  return 0;
};

export const teamList: Command = async ({ client, flags, print }) => {
  let after: string | undefined;
  do {
    const query = after ? `?after=${after}` : '';
    const page = await client.request<{ teams: Team[]; nextCursor: string | null }>('GET', `/teams${query}`);
    for (const team of page.teams) print(`${team.id}  ${team.status.padEnd(8)}  ${team.name}`);
    after = page.nextCursor ?? undefined;
  } while (after && !optional(flags, 'limit'));
  return 0;
};

export const teamShow: Command = async ({ client, flags, print }) => {
  const team = await client.request<Team>('GET', `/teams/${required(flags, 'team')}`);
  print(`${team.id}  ${team.status}  ${team.name}  balance ${formatCredits(BigInt(team.balanceMicro ?? '0'))} credits`);
  return 0;
};

export const teamDisable: Command = async ({ client, flags, print }) => {
  const team = await client.request<Team>('POST', `/teams/${required(flags, 'team')}/disable`);
  print(`team ${team.id} is ${team.status}`);
  return 0;
};
