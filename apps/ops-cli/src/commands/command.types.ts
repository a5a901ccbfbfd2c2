import type { AdminClient } from '../admin-client';
import type { Flags } from '../cli-args.util';

export interface CommandContext {
  client: AdminClient;
  flags: Flags;
  print(line: string): void;
}

/** Resolves with the process exit code. */
export type Command = (ctx: CommandContext) => Promise<number>;
