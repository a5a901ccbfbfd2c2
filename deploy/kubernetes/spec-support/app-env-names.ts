import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { parse } from 'yaml';
import { BillingEnv } from '../../../apps/billing/src/config/billing-env';
import { GatewayEnv } from '../../../apps/gateway/src/config/gateway-env';
import { SimulatorEnv } from '../../../apps/simulator/src/config/simulator-env';

export const ROOT = join(__dirname, '..', '..', '..');
export const readRepoFile = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** Every property an env DTO validates: the variables that app reads. */
function dtoVariables(dto: new () => object): string[] {
  return getMetadataStorage()
    .getTargetValidationMetadatas(dto, '', true, false)
    .map((m) => m.propertyName);
}

/** The provider key variables config/catalog.yaml names (api_key_env): the gateway reads them too. */
export function catalogKeyVariables(): string[] {
  const catalog = parse(readRepoFile('config/catalog.yaml')) as { providers: Record<string, { api_key_env?: string }> };
  return Object.values(catalog.providers).flatMap((p) => (p.api_key_env ? [p.api_key_env] : []));
}

/**
 * What each container of the manifests may be given, by container name: the apps' env DTOs, and
 * for the scripts, the variables their sources read (SCRIPT_SOURCES keeps those lists honest).
 */
export const VARIABLES_READ: Record<string, readonly string[]> = {
  gateway: [...dtoVariables(GatewayEnv), ...catalogKeyVariables()],
  billing: dtoVariables(BillingEnv),
  simulator: dtoVariables(SimulatorEnv),
  migrate: ['DATABASE_URL', 'DEMO_API_KEY'],
  reconcile: ['ADMIN_URL', 'ADMIN_TOKEN'],
};

/** Where the scripts' variables are read: scripts/prisma-migrate.mjs, the seed, the ops CLI (and its env DTO). */
export const SCRIPT_SOURCES: Record<string, readonly string[]> = {
  migrate: ['scripts/prisma-migrate.mjs', 'prisma/seed.ts'],
  reconcile: ['apps/ops-cli/src/main.ts', 'apps/ops-cli/src/config/ops-cli-env.ts'],
};

export { BillingEnv, GatewayEnv, SimulatorEnv };
