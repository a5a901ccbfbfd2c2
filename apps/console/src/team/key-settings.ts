import type { ApiKey } from '../api/types';

/** The key settings form as typed: text fields, so an empty limit means "no limit". */
export interface KeySettingsInput {
  name: string;
  expiresAt: string;
  models: string;
  tiers: string[];
  rpm: string;
  tpm: string;
}

export function inputOf(key?: ApiKey): KeySettingsInput {
  const local = key?.expiresAt ? toLocalInput(new Date(key.expiresAt)) : '';
  return {
    name: key?.name ?? '',
    expiresAt: local,
    models: key?.allowedModels?.join(', ') ?? '',
    tiers: key?.allowedTiers ?? [],
    rpm: key?.rpmLimit?.toString() ?? '',
    tpm: key?.tpmLimit?.toString() ?? '',
  };
}

/** A Date as a datetime-local value in the operator's time zone. */
function toLocalInput(date: Date): string {
  const shifted = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return shifted.toISOString().slice(0, 16);
}

function limitOf(text: string, label: string): number | null {
  if (text.trim() === '') return null;
  if (!/^\d+$/.test(text.trim()) || Number(text) < 1 || Number(text) > 2_147_483_647)
    throw new Error(`${label} must be a whole number from 1 to 2147483647, or empty for no limit.`);
  return Number(text);
}

/**
 * The request body the API takes (CreateApiKeyDto / UpdateApiKeyDto): null clears a limit, the
 * expiry or an allow-list; an empty allow-list would be refused, so none typed means "all".
 */
export function bodyOf(input: KeySettingsInput): Record<string, unknown> {
  const models = input.models
    .split(',')
    .map((m) => m.trim())
    .filter(Boolean);
  if (input.name.trim() === '') throw new Error('The key needs a name.');
  return {
    name: input.name.trim(),
    expiresAt: input.expiresAt ? new Date(input.expiresAt).toISOString() : null,
    allowedModels: models.length > 0 ? models : null,
    allowedTiers: input.tiers.length > 0 ? input.tiers : null,
    rpmLimit: limitOf(input.rpm, 'Requests per minute'),
    tpmLimit: limitOf(input.tpm, 'Tokens per minute'),
  };
}
