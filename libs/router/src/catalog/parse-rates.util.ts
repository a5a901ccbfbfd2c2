import { TIERS, type Tier, type TokenRates } from '@switchyard/contracts';
import type { CatalogReader } from './catalog-reader.util';

const RATE_FIELDS = {
  input: 'inputPer1kMicro',
  output: 'outputPer1kMicro',
  cached_input: 'cachedInputPer1kMicro',
} as const;
const RATE_KEYS = Object.keys(RATE_FIELDS) as Array<keyof typeof RATE_FIELDS>;

/** A model's `pricing` block: any subset of the tier's rates. */
export function parseRateOverride(
  reader: CatalogReader,
  value: unknown,
  path: string,
): Partial<TokenRates> | undefined {
  const fields = reader.object(value, path, RATE_KEYS);
  if (!fields) return undefined;
  const override: Partial<TokenRates> = {};
  for (const key of RATE_KEYS) {
    if (fields[key] === undefined) continue;
    const micro = reader.rateMicro(fields[key], `${path}.${key}`);
    if (micro !== undefined) override[RATE_FIELDS[key]] = micro;
  }
  return override;
}

/**
 * The `tiers` section: every tier needs an input price (the seed's Core 1, Pro 3, Ultra 8);
 * output and cached-input prices default to 0, as the seed prices input only.
 */
export function parseTierRates(reader: CatalogReader, value: unknown): Record<Tier, TokenRates> | undefined {
  const fields = reader.object(value, 'tiers', TIERS);
  if (!fields) return undefined;
  const rates: Partial<Record<Tier, TokenRates>> = {};
  for (const tier of TIERS) {
    const path = `tiers.${tier}`;
    if (fields[tier] === undefined) {
      reader.report(path, 'missing (every tier needs at least an input price)');
      continue;
    }
    const override = parseRateOverride(reader, fields[tier], path);
    if (!override) continue;
    const tierFields = fields[tier] as Record<string, unknown>;
    if (tierFields.input === undefined) reader.report(`${path}.input`, 'missing');
    if (override.inputPer1kMicro === undefined) continue;
    rates[tier] = {
      outputPer1kMicro: 0n,
      cachedInputPer1kMicro: 0n,
      ...override,
      inputPer1kMicro: override.inputPer1kMicro,
    };
  }
  return TIERS.every((tier) => rates[tier]) ? (rates as Record<Tier, TokenRates>) : undefined;
}
