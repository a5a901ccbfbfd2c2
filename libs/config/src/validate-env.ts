import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(errors: ValidationError[], path = ''): string[] {
  return errors.flatMap((e) => {
    const name = path ? `${path}.${e.property}` : e.property;
    const own = Object.values(e.constraints ?? {}).map((msg) => `${name}: ${msg}`);
    return [...own, ...describe(e.children ?? [], name)];
  });
}

/**
 * Validates the environment once, at boot, against a class-validator DTO and returns a frozen
 * instance. Every problem is reported together, so one restart fixes them all.
 * Defaults are the DTO's property initialisers; annotate every property with its type
 * (`PORT: number = 3000`) so the string from the environment is converted.
 */
export function validateEnv<T extends object>(dto: new () => T, env: Record<string, string | undefined>): Readonly<T> {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const instance = plainToInstance(dto, present, { enableImplicitConversion: true, exposeDefaultValues: true });
  const errors = validateSync(instance, { whitelist: true, forbidUnknownValues: true });
  if (errors.length > 0) throw new ConfigError(describe(errors));
  return Object.freeze(instance);
}
