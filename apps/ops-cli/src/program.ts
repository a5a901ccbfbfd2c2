import { Command as Program, CommanderError } from 'commander';
import { AdminClient } from './admin-client';
import type { Flags } from './cli-args.util';
import { COMMANDS, type CommandSpec } from './command-table';
import { loadOpsCliConfig } from './config/ops-cli-config';

export interface Io {
  out(line: string): void;
  err(text: string): void;
}

/** Commander's own answers that are not failures: --help and its listing. */
const HELP_CODES = new Set(['commander.helpDisplayed', 'commander.version']);

/**
 * The ops CLI on commander: each command its own flags and --help, unknown or missing flags
 * refused with usage help (exit 2), every command with --json. ADMIN_URL and ADMIN_TOKEN are read
 * only when a command runs, so help needs neither.
 */
function programFor(env: Record<string, string | undefined>, io: Io, exit: { code: number }): Program {
  const program = new Program('ops')
    .description('Switchyard operations on the admin API (needs ADMIN_URL and ADMIN_TOKEN).')
    .usage('<command> [options]   (npm run ops -- …, or node dist/apps/ops-cli/src/main.js … in the image)')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text.trimEnd()), writeErr: (text) => io.err(text) })
    .showHelpAfterError();
  const groups = new Map<string, Program>();
  for (const spec of COMMANDS) {
    const [first, second] = spec.words;
    let parent = program;
    if (second !== undefined) {
      if (!groups.has(first)) groups.set(first, program.command(first).description(`${first} commands`));
      parent = groups.get(first) as Program;
    }
    define(parent.command(second ?? first), spec, env, exit);
  }
  return program;
}

function define(command: Program, spec: CommandSpec, env: Record<string, string | undefined>, exit: { code: number }) {
  command.description(spec.summary);
  for (const [flags, description] of spec.required ?? []) command.requiredOption(flags, description);
  for (const [flags, description] of spec.options ?? []) command.option(flags, description);
  command.option('--json', "print the API's answer as JSON");
  command.action(async (_options: unknown, self: Program) => {
    const values = self.opts<Record<string, string | boolean | undefined>>();
    // By flag name, as the commands read them: --idempotency-key, not idempotencyKey.
    const flags: Flags = Object.fromEntries(
      self.options.map((option) => [option.long?.slice(2) ?? option.attributeName(), values[option.attributeName()]]),
    );
    const { admin } = loadOpsCliConfig(env);
    exit.code = await spec.run({
      client: new AdminClient(admin.url, admin.token),
      flags,
      json: values.json === true,
      print: (line) => self.configureOutput().writeOut?.(line),
    });
  });
}

/** Runs one command line; resolves with the exit code (0 ok, 1 drift or API error, 2 usage). */
export async function run(argv: string[], env: Record<string, string | undefined>, io: Io): Promise<number> {
  const exit = { code: 0 };
  try {
    await programFor(env, io, exit).parseAsync(argv, { from: 'user' });
    return exit.code;
  } catch (err) {
    if (err instanceof CommanderError) return HELP_CODES.has(err.code) ? 0 : 2;
    throw err;
  }
}
