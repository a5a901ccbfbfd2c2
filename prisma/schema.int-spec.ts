import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isUniqueViolation, type PrismaClient } from '@switchyard/db';
import { createTestPrisma } from '@switchyard/testing';

// Real: Postgres (this run's database, migrated by globalSetup through scripts/prisma-migrate.mjs).
const ROOT = resolve(__dirname, '..');
const MIGRATIONS_DIR = join(ROOT, 'prisma', 'migrations');
const BEYOND_DOUBLE_PRECISION = 9_007_199_254_740_993n; // 2^53 + 1: lost if anything goes through a float

function runMigrate(command: string): Promise<{ code: number; stdout: string }> {
  return new Promise((done) => {
    const args = ['--experimental-wasm-modules', '--no-warnings', 'scripts/prisma-migrate.mjs', command];
    execFile(process.execPath, args, { cwd: ROOT, env: process.env }, (err, stdout, stderr) =>
      done({ code: err ? Number(err.code ?? 1) : 0, stdout: stdout + stderr }),
    );
  });
}

async function rejection(write: () => Promise<unknown>): Promise<unknown> {
  return write().then(
    () => new Error('expected the write to be rejected'),
    (err: unknown) => err,
  );
}

describe('the migrated database matches schema.prisma', () => {
  let prisma: PrismaClient;

  beforeAll(() => {
    prisma = createTestPrisma();
  });

  afterAll(async () => {
    await prisma.$disconnect();
  });

  const newTeam = () => prisma.team.create({ data: { name: `team-${randomUUID()}` } });
  const newKey = (teamId: string, keyHash = createHash('sha256').update(randomUUID()).digest('hex')) =>
    prisma.apiKey.create({ data: { teamId, name: 'key', keyHash, displayPrefix: 'sy_live_ab12' } });

  it('has no drift between prisma/migrations and schema.prisma', async () => {
    expect(await runMigrate('check')).toEqual({ code: 0, stdout: 'schema.prisma matches prisma/migrations.\n' });
  });

  it('recorded every migration in _prisma_migrations with the checksum `prisma migrate deploy` computes', async () => {
    const onDisk = readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map(({ name }) => ({
        name,
        checksum: createHash('sha256')
          .update(readFileSync(join(MIGRATIONS_DIR, name, 'migration.sql')))
          .digest('hex'),
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const applied = await prisma.$queryRaw<{ name: string; checksum: string }[]>`
      SELECT migration_name AS name, checksum FROM _prisma_migrations
      WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`;
    expect(onDisk.length).toBeGreaterThan(0);
    expect(applied).toEqual(onDisk);
  });

  it('writes and reads back every model: BigInt, enums, String[], Json and nullable columns', async () => {
    const team = await newTeam();
    expect(team).toMatchObject({ status: 'active' });
    expect(team.createdAt).toBeInstanceOf(Date);

    const expiresAt = new Date('2031-02-03T04:05:06.789Z');
    const key = await prisma.apiKey.create({
      data: {
        teamId: team.id,
        name: 'ci',
        keyHash: 'a'.repeat(64),
        displayPrefix: 'sy_live_Ab12',
        expiresAt,
        modelsRestricted: true,
        allowedModels: ['core-fast', 'pro-smart'],
        tiersRestricted: true,
        allowedTiers: ['core'],
        rpmLimit: 60,
      },
    });
    expect(await prisma.apiKey.findUniqueOrThrow({ where: { keyHash: 'a'.repeat(64) } })).toEqual({
      ...key,
      status: 'active',
      expiresAt,
      lastUsedAt: null,
      modelsRestricted: true,
      allowedModels: ['core-fast', 'pro-smart'],
      tiersRestricted: true,
      allowedTiers: ['core'],
      rpmLimit: 60,
      tpmLimit: null,
      revokedAt: null,
    });
    expect(await newKey(team.id)).toMatchObject({
      modelsRestricted: false,
      allowedModels: [],
      tiersRestricted: false,
      allowedTiers: [],
      expiresAt: null,
    });

    await prisma.creditAccount.create({
      data: { teamId: team.id, balanceMicro: BEYOND_DOUBLE_PRECISION, lastEntryId: 7n },
    });
    expect(await prisma.creditAccount.findUniqueOrThrow({ where: { teamId: team.id } })).toMatchObject({
      balanceMicro: BEYOND_DOUBLE_PRECISION,
      lastEntryId: 7n,
    });

    const entry = await prisma.ledgerEntry.create({
      data: {
        teamId: team.id,
        amountMicro: -BEYOND_DOUBLE_PRECISION,
        balanceAfterMicro: 0n,
        kind: 'usage',
        requestId: `req-${randomUUID()}`,
        apiKeyId: key.id,
        actor: 'billing',
      },
    });
    expect(typeof entry.id).toBe('bigint');
    expect(await prisma.ledgerEntry.findUniqueOrThrow({ where: { id: entry.id } })).toEqual({
      ...entry,
      amountMicro: -BEYOND_DOUBLE_PRECISION,
      kind: 'usage',
      idempotencyKey: null,
      memo: null,
    });

    const occurredAt = new Date('2030-01-01T00:00:00.123Z');
    const usage = await prisma.usageRecord.create({
      data: {
        requestId: `req-${randomUUID()}`,
        teamId: team.id,
        apiKeyId: key.id,
        model: 'core-fast',
        provider: 'simulated',
        upstreamModel: 'sim-1',
        tier: 'core',
        promptTokens: 12,
        completionTokens: 34,
        costMicro: 12_345n,
        latencyMs: 56,
        status: 'partial',
        occurredAt,
      },
    });
    expect(await prisma.usageRecord.findUniqueOrThrow({ where: { requestId: usage.requestId } })).toEqual({
      ...usage,
      clientRequestId: null,
      taskType: null,
      cachedReadTokens: 0,
      cacheCreationTokens: 0,
      costMicro: 12_345n,
      status: 'partial',
      occurredAt,
    });

    const after = { name: 'renamed', limits: { rpm: 60, models: ['a', 'b'] }, note: null, ok: true };
    const audit = await prisma.adminAuditLog.create({
      data: { actor: 'admin', action: 'team.update', targetType: 'team', targetId: team.id, after },
    });
    expect(await prisma.adminAuditLog.findUniqueOrThrow({ where: { id: audit.id } })).toEqual({
      ...audit,
      before: null,
      after,
    });
  });

  describe('unique constraints reject duplicates', () => {
    it('api_keys.key_hash', async () => {
      const team = await newTeam();
      const keyHash = 'b'.repeat(64);
      await newKey(team.id, keyHash);
      const err = await rejection(() => newKey(team.id, keyHash));
      expect(isUniqueViolation(err, 'api_keys_key_hash_key')).toBe(true);
      expect(await prisma.apiKey.count({ where: { keyHash } })).toBe(1);
    });

    it.each([
      ['request_id', 'ledger_entries_request_id_key', { requestId: `req-${randomUUID()}` }],
      ['idempotency_key', 'ledger_entries_idempotency_key_key', { idempotencyKey: `grant:${randomUUID()}` }],
    ])('ledger_entries.%s', async (_column, constraint, unique) => {
      const team = await newTeam();
      const write = () =>
        prisma.ledgerEntry.create({
          data: { teamId: team.id, amountMicro: 1n, balanceAfterMicro: 1n, kind: 'grant', actor: 'admin', ...unique },
        });
      await write();
      const err = await rejection(write);
      expect(isUniqueViolation(err, constraint)).toBe(true);
      expect(await prisma.ledgerEntry.count({ where: { teamId: team.id } })).toBe(1);
    });

    it('usage_records.request_id', async () => {
      const team = await newTeam();
      const key = await newKey(team.id);
      const requestId = `req-${randomUUID()}`;
      const write = () =>
        prisma.usageRecord.create({
          data: {
            requestId,
            teamId: team.id,
            apiKeyId: key.id,
            model: 'm',
            provider: 'p',
            upstreamModel: 'u',
            tier: 'core',
            promptTokens: 1,
            completionTokens: 1,
            costMicro: 1n,
            latencyMs: 1,
            status: 'completed',
            occurredAt: new Date(),
          },
        });
      await write();
      const err = await rejection(write);
      expect(isUniqueViolation(err, 'usage_records_pkey')).toBe(true);
      expect(await prisma.usageRecord.count({ where: { requestId } })).toBe(1);
    });
  });
});
