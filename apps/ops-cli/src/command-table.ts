import type { Command } from './commands/command.types';
import { adjust, grant, refund } from './commands/credit.commands';
import { keyIssue, keyList, keyRevoke, keyRotate, keyUpdate } from './commands/key.commands';
import { ledgerShow, verify } from './commands/ledger.commands';
import {
  adminTokenCreate,
  adminTokenList,
  adminTokenRevoke,
  auditLog,
  failedEventsList,
  failedEventsReplay,
} from './commands/operations.commands';
import { teamCreate, teamDisable, teamEnable, teamList, teamShow } from './commands/team.commands';
import { usage } from './commands/usage.commands';

/** One command line: its words, what it does, its options (commander syntax), the required ones marked. */
export interface CommandSpec {
  words: [string] | [string, string];
  summary: string;
  options?: [flags: string, description: string][];
  required?: [flags: string, description: string][];
  run: Command;
}

const TEAM: [string, string] = ['--team <id>', 'the team'];
const IDEMPOTENCY: [string, string] = ['--idempotency-key <key>', 'repeat a posting safely (default: a fresh one)'];
const KEY_SETTINGS: [string, string][] = [
  ['--expires <ISO time>', 'when the key stops working'],
  ['--models <a,b|any>', 'only these model aliases ("any": every one)'],
  ['--tiers <core,pro|any>', 'only these tiers ("any": every one)'],
  ['--rpm <n>', 'requests per minute'],
  ['--tpm <n>', 'tokens per minute'],
];

export const COMMANDS: CommandSpec[] = [
  { words: ['team', 'create'], summary: 'create a team', required: [['--name <name>', 'its name']], run: teamCreate },
  {
    words: ['team', 'list'],
    summary: 'list teams',
    options: [
      ['--search <text>', 'only names containing it'],
      ['--limit <n>', 'one page of at most n'],
    ],
    run: teamList,
  },
  { words: ['team', 'show'], summary: 'a team and its balance', required: [TEAM], run: teamShow },
  { words: ['team', 'disable'], summary: 'stop every key of a team at once', required: [TEAM], run: teamDisable },
  { words: ['team', 'enable'], summary: 'let a disabled team’s keys work again', required: [TEAM], run: teamEnable },
  {
    words: ['grant'],
    summary: 'add credits to a team',
    required: [TEAM, ['--credits <n>', 'credits, e.g. 12.5']],
    options: [['--memo <text>', 'why'], IDEMPOTENCY],
    run: grant,
  },
  {
    words: ['adjust'],
    summary: 'correct a balance up or down',
    required: [TEAM, ['--credits <±n>', 'credits, e.g. -2.5'], ['--memo <text>', 'why (required)']],
    options: [IDEMPOTENCY],
    run: adjust,
  },
  {
    words: ['refund'],
    summary: 'give back what one request cost',
    required: [TEAM, ['--request <id>', 'the request id']],
    options: [['--memo <text>', 'why'], IDEMPOTENCY],
    run: refund,
  },
  {
    words: ['key', 'issue'],
    summary: 'issue an API key (shown once)',
    required: [TEAM, ['--name <name>', 'its name']],
    options: [['--env <live|test>', 'sy_live_ or sy_test_ (default live)'], ...KEY_SETTINGS],
    run: keyIssue,
  },
  { words: ['key', 'list'], summary: "a team's keys", required: [TEAM], run: keyList },
  {
    words: ['key', 'update'],
    summary: "change a key's name, expiry, allow-lists or limits",
    required: [TEAM, ['--key <id>', 'the key']],
    options: [['--name <name>', 'its name'], ...KEY_SETTINGS],
    run: keyUpdate,
  },
  { words: ['key', 'revoke'], summary: 'revoke a key', required: [TEAM, ['--key <id>', 'the key']], run: keyRevoke },
  {
    words: ['key', 'rotate'],
    summary: 'revoke a key and issue its successor',
    required: [TEAM, ['--key <id>', 'the key']],
    run: keyRotate,
  },
  {
    words: ['ledger', 'show'],
    summary: "a team's ledger, newest first",
    required: [TEAM],
    options: [
      ['--kind <kind>', 'grant, usage, refund, adjustment or reversal'],
      ['--from <ISO>', 'from this time'],
      ['--to <ISO>', 'before this time'],
      ['--key <id>', 'entries of this key'],
      ['--request <id>', "a request's entries"],
      ['--limit <n>', 'entries per page'],
      ['--cursor <c>', 'the next page'],
      ['--csv', 'the whole filtered ledger as CSV'],
    ],
    run: ledgerShow,
  },
  {
    words: ['usage'],
    summary: "a team's usage in aggregate",
    required: [TEAM, ['--group-by <g>', 'day, model, key, task_type, tier, day_model or day_tier']],
    options: [
      ['--from <ISO>', 'from this time'],
      ['--to <ISO>', 'before this time'],
      ['--top <n>', 'only the n costliest rows'],
    ],
    run: usage,
  },
  {
    words: ['failed-events', 'list'],
    summary: 'usage events billing could not apply',
    options: [
      ['--offset <n>', 'skip n'],
      ['--limit <n>', 'at most n'],
    ],
    run: failedEventsList,
  },
  {
    words: ['failed-events', 'replay'],
    summary: 'apply a failed event again (billed once)',
    required: [['--job <id>', 'its job id']],
    run: failedEventsReplay,
  },
  {
    words: ['audit-log'],
    summary: 'who changed what, newest first',
    options: [
      ['--team <id>', "one team's changes"],
      ['--limit <n>', 'at most n'],
    ],
    run: auditLog,
  },
  {
    words: ['admin-token', 'create'],
    summary: 'mint an admin token (shown once)',
    required: [
      ['--name <name>', 'its name'],
      ['--scope <read|write>', 'what it may do'],
    ],
    options: [['--team <id>', 'only this team (default: every team)']],
    run: adminTokenCreate,
  },
  { words: ['admin-token', 'list'], summary: 'admin tokens', run: adminTokenList },
  {
    words: ['admin-token', 'revoke'],
    summary: 'revoke an admin token (its console sessions end)',
    required: [['--token-id <id>', 'the token']],
    run: adminTokenRevoke,
  },
  {
    words: ['verify'],
    summary: 'reconcile the ledger and the holds; exit 1 on drift',
    options: [['--team <id>', 'one team only']],
    run: verify,
  },
];
