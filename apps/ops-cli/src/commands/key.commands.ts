import { optional, required, UsageError, type Flags } from '../cli-args.util';
import { type Command, show } from './command.types';

interface Key {
  id: string;
  displayPrefix: string;
  name: string;
  status: string;
  expiresAt: string | null;
  allowedModels: string[] | null;
  allowedTiers: string[] | null;
  key?: string;
}

/** The word that lifts an allow-list (`null` on the API); an empty list would allow nothing. */
const ANY = 'any';

/** `--models a,b`: only those; `--models any`: every one; absent: unchanged (on issue: every one). */
function allowListOf(flags: Flags, name: string): string[] | null | undefined {
  if (flags[name] === undefined) return undefined;
  const text = optional(flags, name);
  if (text === ANY) return null;
  const list = (text ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length === 0) throw new UsageError(`--${name} needs a comma-separated list, or "${ANY}" to allow every one`);
  return list;
}

function describeAllowLists(key: Key): string {
  const part = (label: string, list: string[] | null) => (list === null ? '' : `  ${label}: ${list.join(',')}`);
  return part('models', key.allowedModels) + part('tiers', key.allowedTiers);
}

function intOf(flags: Flags, name: string): number | undefined {
  const text = optional(flags, name);
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new UsageError(`--${name} must be a whole number`);
  return Number(text);
}

/** The settings `key issue` and `key update` share; an absent flag leaves its setting out of the body. */
function keySettingsOf(flags: Flags) {
  return {
    expiresAt: optional(flags, 'expires'),
    allowedModels: allowListOf(flags, 'models'),
    allowedTiers: allowListOf(flags, 'tiers'),
    rpmLimit: intOf(flags, 'rpm'),
    tpmLimit: intOf(flags, 'tpm'),
  };
}

export const keyIssue: Command = async (ctx) => {
  const { client, flags } = ctx;
  const body = { name: required(flags, 'name'), env: optional(flags, 'env'), ...keySettingsOf(flags) };
  const key = await client.request<Key>('POST', `/teams/${required(flags, 'team')}/keys`, { body });
  show(ctx, key, (k) => [
    `issued key ${k.id} (${k.displayPrefix}…). Store it now, it is not shown again:`,
    k.key ?? '',
  ]);
  return 0;
};

export const keyList: Command = async (ctx) => {
  const keys = await ctx.client.request<Key[]>('GET', `/teams/${required(ctx.flags, 'team')}/keys`);
  show(ctx, keys, (list) =>
    list.map(
      (key) =>
        `${key.id}  ${key.displayPrefix}…  ${key.status.padEnd(7)}  ${key.name}${key.expiresAt ? `  expires ${key.expiresAt}` : ''}${describeAllowLists(key)}`,
    ),
  );
  return 0;
};

export const keyUpdate: Command = async (ctx) => {
  const { client, flags } = ctx;
  const body = { name: optional(flags, 'name'), ...keySettingsOf(flags) };
  const path = `/teams/${required(flags, 'team')}/keys/${required(flags, 'key')}`;
  const key = await client.request<Key>('PATCH', path, { body });
  show(ctx, key, (k) => [
    `updated key ${k.id} (${k.displayPrefix}…)${describeAllowLists(k) || '  every model and tier'}`,
  ]);
  return 0;
};

export const keyRevoke: Command = async (ctx) => {
  const key = await ctx.client.request<Key>(
    'POST',
    `/teams/${required(ctx.flags, 'team')}/keys/${required(ctx.flags, 'key')}/revoke`,
  );
  show(ctx, key, (k) => [`key ${k.id} (${k.displayPrefix}…) is ${k.status}`]);
  return 0;
};

export const keyRotate: Command = async (ctx) => {
  const key = await ctx.client.request<Key & { revoked: Key }>(
    'POST',
    `/teams/${required(ctx.flags, 'team')}/keys/${required(ctx.flags, 'key')}/rotate`,
  );
  show(ctx, key, (k) => [
    `revoked ${k.revoked.id}; new key ${k.id} (${k.displayPrefix}…). Store it now, it is not shown again:`,
    k.key ?? '',
  ]);
  return 0;
};
