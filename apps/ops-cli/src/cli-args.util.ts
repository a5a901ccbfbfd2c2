import { randomUUID } from 'node:crypto';
import { parseCredits } from '@switchyard/contracts';

export type Flags = Record<string, string | boolean | undefined>;

export function required(flags: Flags, name: string): string {
  const value = flags[name];
  if (typeof value !== 'string' || value === '') throw new UsageError(`--${name} is required`);
  return value;
}

export function optional(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** "12.5" credits → "12500000" micro-credits (exact; the API takes micro-credits as a string). */
export function microOf(flags: Flags, name: string): string {
  const text = required(flags, name);
  try {
    return parseCredits(text).toString();
  } catch {
    throw new UsageError(`--${name} must be a credit amount like 10 or -2.5 (up to 6 decimals)`);
  }
}

/** A fresh key per invocation unless given: retrying the same command line with --idempotency-key repeats nothing. */
export function idempotencyKeyOf(flags: Flags): string {
  return optional(flags, 'idempotency-key') ?? randomUUID();
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}
