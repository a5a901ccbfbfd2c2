import { IsIn } from 'class-validator';

/** A yes/no variable as the environment spells it: exactly `true` or `false`, nothing else. */
export type EnvFlag = 'true' | 'false';

/** Validates an EnvFlag property of an env DTO. */
export function IsEnvFlag(): PropertyDecorator {
  return IsIn(['true', 'false']);
}

/**
 * The boolean an EnvFlag stands for. Mapped explicitly, never by class-transformer's implicit
 * conversion, which would read the string 'false' as true.
 */
export function envFlag(value: EnvFlag): boolean {
  return value === 'true';
}
