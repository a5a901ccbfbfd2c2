import type { AdminClient } from '../admin-client';
import type { Flags } from '../cli-args.util';

export interface CommandContext {
  client: AdminClient;
  /** The command's options by their flag names (`idempotency-key`, not `idempotencyKey`). */
  flags: Flags;
  /** --json: print the API's answer as JSON instead of lines for a person. */
  json: boolean;
  print(line: string): void;
}

/** Resolves with the process exit code. */
export type Command = (ctx: CommandContext) => Promise<number>;

/** Prints `value` as JSON under --json, otherwise as the lines `describe` makes of it. */
export function show<T>(ctx: CommandContext, value: T, describe: (value: T) => string[]): void {
  if (ctx.json) ctx.print(JSON.stringify(value, null, 2));
  else for (const line of describe(value)) ctx.print(line);
}
