import type { ProviderConfig, ProviderKind } from '@switchyard/contracts';
import type { CatalogReader } from './catalog-reader.util';

/** A Record, so a new ProviderKind in contracts fails to compile until the catalog accepts it. */
const PROVIDER_KINDS: Record<ProviderKind, true> = { openai: true, anthropic: true, simulated: true };
const KINDS = Object.keys(PROVIDER_KINDS) as ProviderKind[];
const PROVIDER_FIELDS = [
  'kind',
  'base_url',
  'api_key_env',
  'timeout_ms',
  'connect_timeout_ms',
  'first_byte_timeout_ms',
  'total_timeout_ms',
] as const;
const OPTIONAL_TIMEOUTS = [
  ['connect_timeout_ms', 'connectTimeoutMs'],
  ['first_byte_timeout_ms', 'firstByteTimeoutMs'],
  ['total_timeout_ms', 'totalTimeoutMs'],
] as const;
const DEFAULT_TIMEOUT_MS = 60_000;
/**
 * A call no catalog bounds is bounded all the same: a request holds its team's credits while it
 * runs, so it must end. Ten minutes covers the longest reasoning streams.
 */
export const DEFAULT_TOTAL_TIMEOUT_MS = 600_000;
const PROVIDER_NAME = /^[a-z][a-z0-9_-]{0,63}$/;
const ENV_NAME = /^[A-Z_][A-Z0-9_]*$/;

/** The `providers` section, keyed by provider name. Invalid entries are reported and left out. */
export function parseProviders(reader: CatalogReader, value: unknown): Map<string, ProviderConfig> {
  const providers = new Map<string, ProviderConfig>();
  const fields = reader.object(value, 'providers');
  if (!fields) return providers;
  for (const [name, raw] of Object.entries(fields)) {
    const path = `providers.${name}`;
    if (!PROVIDER_NAME.test(name)) reader.report(path, `provider names are lowercase letters, digits, "_" or "-"`);
    const entry = reader.object(raw, path, PROVIDER_FIELDS);
    if (!entry) continue;
    const kind = reader.oneOf(entry.kind, KINDS, `${path}.kind`);
    const baseUrl = parseBaseUrl(reader, entry.base_url, `${path}.base_url`);
    const apiKeyEnv =
      entry.api_key_env === undefined ? undefined : reader.string(entry.api_key_env, `${path}.api_key_env`, ENV_NAME);
    const timeoutMs =
      entry.timeout_ms === undefined ? DEFAULT_TIMEOUT_MS : reader.positiveInt(entry.timeout_ms, `${path}.timeout_ms`);
    const timeouts: Partial<ProviderConfig> = { totalTimeoutMs: DEFAULT_TOTAL_TIMEOUT_MS };
    let timeoutsValid = true;
    for (const [field, key] of OPTIONAL_TIMEOUTS) {
      if (entry[field] === undefined) continue;
      const value = reader.positiveInt(entry[field], `${path}.${field}`);
      if (value === undefined) timeoutsValid = false;
      else timeouts[key] = value;
    }
    if (
      !kind ||
      !baseUrl ||
      timeoutMs === undefined ||
      !timeoutsValid ||
      (entry.api_key_env !== undefined && !apiKeyEnv)
    )
      continue;
    providers.set(name, { name, kind, baseUrl, timeoutMs, ...(apiKeyEnv ? { apiKeyEnv } : {}), ...timeouts });
  }
  if (Object.keys(fields).length === 0) reader.report('providers', 'at least one provider is required');
  return providers;
}

/** An absolute http(s) URL, kept without a trailing slash so paths can be appended as `/chat/completions`. */
function parseBaseUrl(reader: CatalogReader, value: unknown, path: string): string | undefined {
  const text = reader.string(value, path);
  if (!text) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    reader.report(path, `${JSON.stringify(text)} is not an absolute URL`);
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    reader.report(path, `must be an http or https URL, got ${JSON.stringify(text)}`);
    return undefined;
  }
  return text.replace(/\/+$/, '');
}
