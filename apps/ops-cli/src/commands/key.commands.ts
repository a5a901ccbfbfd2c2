import { optional, required, UsageError, type Flags } from '../cli-args.util';
import type { Command } from './command.types';

interface Key {
  id: string;
  displayPrefix: string;
  name: string;
  status: string;
  expiresAt: string | null;
  key?: string;
}

function listOf(flags: Flags, name: string): string[] | undefined {
  return optional(flags, name)
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

function intOf(flags: Flags, name: string): number | undefined {
  const text = optional(flags, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number`);
  return Number(text);
}

export const keyIssue: Command = async ({ client, flags, print }) => {
  const body = {
    name: required(flags, 'name'),
    env: optional(flags, 'env'),
    expiresAt: optional(flags, 'expires'),
    allowedModels: listOf(flags, 'models'),
    allowedTiers: listOf(flags, 'tiers'),
    rpmLimit: intOf(flags, 'rpm'),
    tpmLimit: intOf(flags, 'tpm'),
  };
  const key = await client.request<Key>('POST', `/teams/${required(flags, 'team')}/keys`, { body });
  print(`issued key ${key.id} (${key.displayPrefix}…). Store it now, it is not shown again:`);
  print(key.key ?? '');
  return 0;
};

export const keyList: Command = async ({ client, flags, print }) => {
  const keys = await client.request<Key[]>('GET', `/teams/${required(flags, 'team')}/keys`);
  for (const key of keys)
    print(
      `${key.id}  ${key.displayPrefix}…  ${key.status.padEnd(7)}  ${key.name}${key.expiresAt ? `  expires ${key.expiresAt}` : ''}`,
    );
  return 0;
};

export const keyRevoke: Command = async ({ client, flags, print }) => {
  const key = await client.request<Key>(
    'POST',
    `/teams/${required(flags, 'team')}/keys/${required(flags, 'key')}/revoke`,
  );
  print(`key ${key.id} (${key.displayPrefix}…) is ${key.status}`);
  return 0;
};

export const keyRotate: Command = async ({ client, flags, print }) => {
  const key = await client.request<Key & { revoked: Key }>(
    'POST',
    `/teams/${required(flags, 'team')}/keys/${required(flags, 'key')}/rotate`,
  );
  print(`revoked ${key.revoked.id}; new key ${key.id} (${key.displayPrefix}…). Store it now, it is not shown again:`);
  print(key.key ?? '');
  return 0;
};
