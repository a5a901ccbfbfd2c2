// Loaded first: @switchyard/contracts carries class-validator DTOs that need reflect metadata.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { AdminApiError, AdminClient } from './admin-client';
import { UsageError } from './cli-args.util';
import type { Command } from './commands/command.types';
import { loadOpsCliConfig } from './config/ops-cli-config';
import { adjust, grant, refund } from './commands/credit.commands';
import { keyIssue, keyList, keyRevoke, keyRotate, keyUpdate } from './commands/key.commands';
import { ledgerShow, verify } from './commands/ledger.commands';
import { teamCreate, teamDisable, teamList, teamShow } from './commands/team.commands';

const COMMANDS: Record<string, Command> = {
  'team create': teamCreate,
  'team list': teamList,
  'team show': teamShow,
  'team disable': teamDisable,
  grant,
  adjust,
  refund,
  'key issue': keyIssue,
  'key list': keyList,
  'key update': keyUpdate,
  'key revoke': keyRevoke,
  'key rotate': keyRotate,
  'ledger show': ledgerShow,
  verify,
};

const USAGE = `Usage: npm run ops -- <command> [--flags]   (needs ADMIN_URL and ADMIN_TOKEN)
       node dist/apps/ops-cli/src/main.js <command> [--flags]   (the same, compiled: in the image)
  team create --name <name>            team list            team show --team <id>      team disable --team <id>
  grant  --team <id> --credits <n> [--memo <text>] [--idempotency-key <k>]
  adjust --team <id> --credits <±n> --memo <text> [--idempotency-key <k>]
  refund --team <id> --request <request id> [--memo <text>] [--idempotency-key <k>]
  key issue --team <id> --name <name> [--env live|test] [--expires <ISO time>] [--models a,b] [--tiers core,pro] [--rpm <n>] [--tpm <n>]
  key update --team <id> --key <id> [--name <name>] [--expires <ISO time>] [--models a,b|any] [--tiers core,pro|any] [--rpm <n>] [--tpm <n>]
            (without --models/--tiers a key may use every model/tier; "any" lifts a restriction)
  key list --team <id>     key revoke --team <id> --key <id>     key rotate --team <id> --key <id>
  ledger show --team <id> [--kind <kind>] [--from <ISO>] [--to <ISO>] [--limit <n>] [--cursor <c>] [--csv]
  verify [--team <id>]                 exit 1 when the ledger or the holds drifted`;

const STRING_FLAGS = [
  'name',
  'team',
  'credits',
  'memo',
  'idempotency-key',
  'request',
  'env',
  'expires',
  'models',
  'tiers',
  'rpm',
  'tpm',
  'key',
  'kind',
  'from',
  'to',
  'limit',
  'cursor',
];

/** Runs one command line; resolves with the exit code (0 ok, 1 drift or API error, 2 usage). */
export async function run(
  argv: string[],
  env: Record<string, string | undefined>,
  print: (line: string) => void,
): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      ...Object.fromEntries(STRING_FLAGS.map((f) => [f, { type: 'string' as const }])),
      csv: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const name = positionals.slice(0, 2).join(' ');
  const command = COMMANDS[name] ?? COMMANDS[positionals[0] ?? ''];
  if (values.help || !command) {
    print(USAGE);
    return values.help ? 0 : 2;
  }
  const { admin } = loadOpsCliConfig(env);
  return command({ client: new AdminClient(admin.url, admin.token), flags: values, print });
}

run(process.argv.slice(2), process.env, (line) => console.log(line)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    const known =
      err instanceof UsageError ||
      err instanceof AdminApiError ||
      (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    console.error(known ? `error: ${(err as Error).message}` : err);
    process.exit(err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1);
  },
);
