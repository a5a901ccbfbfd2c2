import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma } from '@switchyard/testing';
import { type AdminStack, createTeamWithKey, startAdminStack } from './support/admin-stack';

// Real: billing as a process (admin API), Postgres, Redis. Nothing faked. Every admin field gets a
// NUL byte or an out-of-range value; each must be a 400 naming the field, with nothing written.
const NUL = 'a\u0000b';
let stack: AdminStack;
let prisma: PrismaClient;
let team: { teamId: string; keyId: string; apiKey: string };

beforeAll(async () => {
  stack = await startAdminStack();
  prisma = createTestPrisma();
  team = await createTeamWithKey(stack);
});

afterAll(async () => {
  await stack?.stop();
  await prisma?.$disconnect();
});

interface RawJson {
  raw: string;
}
type Probe = [name: string, param: string | null, method: string, path: (t: typeof team) => string, body?: unknown];

const q = encodeURIComponent;
const nulProbes: Probe[] = [
  ['team name', 'name', 'POST', () => '/teams', { name: NUL }],
  ['team rename', 'name', 'PATCH', (t) => `/teams/${t.teamId}`, { name: NUL }],
  ['key name', 'name', 'POST', (t) => `/teams/${t.teamId}/keys`, { name: NUL }],
  ['key allowed model', 'allowedModels', 'POST', (t) => `/teams/${t.teamId}/keys`, { name: 'k', allowedModels: [NUL] }],
  ['key rename', 'name', 'PATCH', (t) => `/teams/${t.teamId}/keys/${t.keyId}`, { name: NUL }],
  ['grant memo', 'memo', 'POST', (t) => `/teams/${t.teamId}/credits/grants`, { amountMicro: '1', memo: NUL }],
  [
    'adjustment memo',
    'memo',
    'POST',
    (t) => `/teams/${t.teamId}/credits/adjustments`,
    { amountMicro: '-1', memo: NUL },
  ],
  ['refund request id', 'requestId', 'POST', (t) => `/teams/${t.teamId}/credits/refunds`, { requestId: NUL }],
  ['admin token name', 'name', 'POST', () => '/admin-tokens', { name: NUL, scope: 'read' }],
  ['team id in the path', 'teamId', 'GET', () => `/teams/${q(NUL)}`],
  ['job id in the path', 'jobId', 'POST', () => `/billing/failed-events/${q(NUL)}/replay`],
  ['ledger request id', 'requestId', 'GET', (t) => `/teams/${t.teamId}/ledger?requestId=${q(NUL)}`],
  ['export request id', 'requestId', 'GET', (t) => `/teams/${t.teamId}/ledger/export?requestId=${q(NUL)}`],
  ['ledger kind', 'kind', 'GET', (t) => `/teams/${t.teamId}/ledger?kind=${q(NUL)}`],
  ['usage grouping', 'groupBy', 'GET', (t) => `/teams/${t.teamId}/usage?groupBy=${q(NUL)}`],
  ['audit team id', 'teamId', 'GET', () => `/audit-log?teamId=${q(NUL)}`],
];

/** A team name, and a field of `depth` arrays inside each other (more than JSON.stringify can write). */
function nested(depth: number): RawJson {
  return { raw: `{"name":"x","junk":${'['.repeat(depth)}${']'.repeat(depth)}}` };
}

const rangeProbes: Probe[] = [
  ['ledger cursor past int64', 'cursor', 'GET', (t) => `/teams/${t.teamId}/ledger?cursor=9999999999999999999`],
  ['ledger from before year 1', 'from', 'GET', (t) => `/teams/${t.teamId}/ledger?from=${q('-010000-01-01T00:00:00Z')}`],
  ['ledger to past year 9999', 'to', 'GET', (t) => `/teams/${t.teamId}/ledger?to=${q('+200000-01-01T00:00:00Z')}`],
  ['usage from before year 1', 'from', 'GET', (t) => `/teams/${t.teamId}/usage?groupBy=day&from=${q('-010000-01-01')}`],
  ['failed events offset', 'offset', 'GET', () => '/billing/failed-events?offset=1e300'],
  ['key rpm limit past int32', 'rpmLimit', 'PATCH', (t) => `/teams/${t.teamId}/keys/${t.keyId}`, { rpmLimit: 2 ** 31 }],
  ['key tpm limit past int32', 'tpmLimit', 'POST', (t) => `/teams/${t.teamId}/keys`, { name: 'k', tpmLimit: 2 ** 40 }],
  [
    'key expiry past year 9999',
    'expiresAt',
    'POST',
    (t) => `/teams/${t.teamId}/keys`,
    { name: 'k', expiresAt: '+200000-01-01' },
  ],
  // Past the validation pipe's depth (8) but within the body reader's (16): the pipe names the field.
  ['body nested deeper than any DTO', 'junk', 'POST', () => '/teams', nested(12)],
  // Past the body reader's depth: refused on the raw bytes, before any field is known.
  ['body nested past the reader', null, 'POST', () => '/teams', nested(20_000)],
  [
    'grant past int64',
    'amount',
    'POST',
    (t) => `/teams/${t.teamId}/credits/grants`,
    { amountMicro: '9999999999999999999' },
  ],
  [
    'adjustment past int64',
    'amount',
    'POST',
    (t) => `/teams/${t.teamId}/credits/adjustments`,
    { amountMicro: '-9999999999999999999', memo: 'x' },
  ],
];

async function probe(method: string, path: string, body?: unknown) {
  // Each write gets a fresh Idempotency-Key: only the field under test is wrong.
  const raw = (body as RawJson | undefined)?.raw;
  return stack.call(method, path, {
    ...(raw === undefined ? { body } : { rawBody: raw }),
    idempotencyKey: `probe-${randomUUID()}`,
  });
}

/** What gets written by any admin call: ledger entries, audit rows, teams, keys, tokens. */
async function writes() {
  return Promise.all([
    prisma.ledgerEntry.count(),
    prisma.adminAuditLog.count(),
    prisma.team.count(),
    prisma.apiKey.count(),
    prisma.adminToken.count(),
  ]);
}

describe('admin API: hostile input', () => {
  it.each([
    ['a NUL byte', nulProbes],
    ['an out-of-range value', rangeProbes],
  ])('answers 400 naming the field to %s in any field, and writes nothing', async (_kind, probes) => {
    const before = await writes();
    const answers = [];
    for (const [name, , method, path, body] of probes) {
      const res = await probe(method, path(team), body);
      answers.push([name, res.status, res.body?.error?.type, res.body?.error?.param]);
    }
    expect(answers).toEqual(probes.map(([name, param]) => [name, 400, 'invalid_request_error', param]));
    expect(await writes()).toEqual(before);
  });

  it('refuses an Idempotency-Key with a NUL byte or past 200 characters', async () => {
    // fetch refuses to send such a header, so it goes out on a raw socket.
    const body = JSON.stringify({ amountMicro: '1' });
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(stack.billing.port, '127.0.0.1');
      let answer = '';
      socket.on('data', (d: Buffer) => (answer += d.toString()));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
      socket.write(
        `POST /admin/v1/teams/${team.teamId}/credits/grants HTTP/1.1\r\nHost: x\r\nConnection: close\r\n` +
          `Authorization: Bearer ${stack.rootToken}\r\nIdempotency-Key: a\u0000b\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    const tooLong = await stack.call('POST', `/teams/${team.teamId}/credits/grants`, {
      body: { amountMicro: '1' },
      idempotencyKey: 'k'.repeat(201),
    });
    expect(tooLong).toMatchObject({ status: 400, body: { error: { param: 'Idempotency-Key' } } });
    expect(await prisma.ledgerEntry.count({ where: { teamId: team.teamId } })).toBe(0);
  });
});
