import { deepFreeze, validateEnv } from '@switchyard/config';
import { UsageError } from '../cli-args.util';
import { OpsCliEnv } from './ops-cli-env';

/** The ops CLI's configuration: which admin API to call, with which token. */
export interface OpsCliConfig {
  readonly admin: { readonly url: string; readonly token: string };
}

/** Validates and maps the environment; both variables are needed by every command (a usage error if not). */
export function loadOpsCliConfig(rawEnv: Record<string, string | undefined>): OpsCliConfig {
  const env = validateEnv(OpsCliEnv, rawEnv);
  if (!env.ADMIN_URL || !env.ADMIN_TOKEN)
    throw new UsageError('Set ADMIN_URL (e.g. http://127.0.0.1:3001) and ADMIN_TOKEN.');
  return deepFreeze({ admin: { url: env.ADMIN_URL, token: env.ADMIN_TOKEN } });
}
