import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import type { Catalog } from '@switchyard/contracts';
import { parseCatalog, withProviderFallback } from '@switchyard/router';

export const CATALOG = Symbol('CATALOG');

export interface LoadedCatalog {
  catalog: Catalog;
  /** Aliases served by the built-in simulated provider because their provider has no key. */
  simulated: string[];
}

/** Reads and validates the catalog at boot; a bad catalog stops the gateway with every problem listed. */
export function loadCatalog(
  path: string,
  env: Record<string, string | undefined>,
  simulatedBaseUrl: string,
): LoadedCatalog {
  const raw = parse(readFileSync(resolve(path), 'utf8'));
  const availableApiKeyEnvs = new Set(Object.keys(env).filter((name) => Boolean(env[name])));
  return withProviderFallback(parseCatalog(raw), { availableApiKeyEnvs, simulatedBaseUrl });
}
