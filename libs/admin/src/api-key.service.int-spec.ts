import { InvalidApiKeyError, SwitchyardError } from '@switchyard/contracts';
import { createPrismaClient, type PrismaClient } from '@switchyard/db';
import { randomUUID } from 'node:crypto';
import { ApiKeyAuthenticator } from '@switchyard/keys';
import { hashApiKey, isWellFormedApiKey } from '@switchyard/keys';
import { ApiKeyService } from './api-key.service';
import { Pool } from 'pg';
import { PgApiKeyStore } from '@switchyard/keys';
import { waitFor } from '@switchyard/testing';

// Real: Postgres (the run's database from DATABASE_URL), key format and hashing. Nothing faked.
describe(ApiKeyService.name, () => {
  let prisma: PrismaClient;
  let pool: Pool;
  let service: ApiKeyService;

  beforeAll(() => {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) throw new Error('DATABASE_URL is not set: run with --selectProjects e2e');
    prisma = createPrismaClient(databaseUrl, { poolSize: 2 });
    pool = new Pool({ connectionString: databaseUrl, max: 2 });
    service = new ApiKeyService(prisma);
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await pool.end();
  });

  const createTeam = async () => (await prisma.team.create({ data: { name: `keys-${randomUUID().slice(0, 8)}` } })).id;

  it('stores only the hash and display prefix of a new key, and returns the plaintext once', async () => {
    const teamId = await createTeam();
    const expiresAt = new Date('2099-01-01T00:00:00.000Z');
    const created = await service.createKey(teamId, {
      name: 'ci',
      env: 'live',
      expiresAt,
      allowedModels: ['fast'],
      allowedTiers: ['core'],
      rpmLimit: 60,
      tpmLimit: 10_000,
    });
    expect(isWellFormedApiKey(created.plaintext)).toBe(true);
    expect(created.displayPrefix).toBe(created.plaintext.slice(0, 12));

    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row).toMatchObject({
      teamId,
      name: 'ci',
      keyHash: hashApiKey(created.plaintext),
      displayPrefix: created.displayPrefix,
      status: 'active',
      expiresAt,
      lastUsedAt: null,
      modelsRestricted: true,
      allowedModels: ['fast'],
      tiersRestricted: true,
      allowedTiers: ['core'],
      rpmLimit: 60,
      tpmLimit: 10_000,
      revokedAt: null,
    });
    expect(JSON.stringify(row)).not.toContain(created.plaintext);
  });

  it('finds a key Prisma wrote by its hash, in plain SQL, with its team status', async () => {
    const teamId = await createTeam();
    const store = new PgApiKeyStore(pool);
    const created = await service.createKey(teamId, { name: 'test env', env: 'test' });
    await expect(store.findByHash(hashApiKey(created.plaintext))).resolves.toEqual({
      keyId: created.id,
      teamId,
      displayPrefix: created.displayPrefix,
      status: 'active',
      teamStatus: 'active',
      expiresAt: null,
      allowedModels: null,
      allowedTiers: null,
      rpmLimit: null,
      tpmLimit: null,
    });
    await expect(store.findByHash(hashApiKey('sy_live_unknown'))).resolves.toBeNull();

    const limited = await service.createKey(teamId, {
      name: 'limited',
      env: 'live',
      expiresAt: new Date('2099-01-01T00:00:00.000Z'),
      allowedModels: ['fast', 'smart'],
      allowedTiers: ['core', 'pro'],
      rpmLimit: 60,
      tpmLimit: 10_000,
    });
    await prisma.team.update({ where: { id: teamId }, data: { status: 'disabled' } });
    await expect(store.findByHash(hashApiKey(limited.plaintext))).resolves.toEqual({
      keyId: limited.id,
      teamId,
      displayPrefix: limited.displayPrefix,
      status: 'active',
      teamStatus: 'disabled',
      expiresAt: new Date('2099-01-01T00:00:00.000Z'),
      allowedModels: ['fast', 'smart'],
      allowedTiers: ['core', 'pro'],
      rpmLimit: 60,
      tpmLimit: 10_000,
    });
  });

  it('refuses to create a key for an unknown team', async () => {
    const error = await service.createKey(randomUUID(), { name: 'x', env: 'live' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SwitchyardError);
    expect(error).toMatchObject({ code: 'not_found', param: 'team_id' });
  });

  it('authenticates against Postgres, records last use, and rejects revoked keys and disabled teams', async () => {
    const store = new PgApiKeyStore(pool);
    const authenticator = new ApiKeyAuthenticator(store, { cacheTtlMs: 60_000 });
    const teamId = await createTeam();
    const created = await service.createKey(teamId, { name: 'gw', env: 'live' });
    const header = `Bearer ${created.plaintext}`;

    await expect(authenticator.authenticate(header)).resolves.toMatchObject({ keyId: created.id, teamId });
    // Recording last use is fire-and-forget, so give it a moment to land.
    const lastUsedAt = async () => (await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt;
    expect(
      await waitFor(lastUsedAt, { timeoutMs: 1_000, intervalMs: 20, describe: 'lastUsedAt to be recorded' }),
    ).toBeInstanceOf(Date);

    await prisma.apiKey.update({ where: { id: created.id }, data: { status: 'revoked', revokedAt: new Date() } });
    authenticator.invalidate(hashApiKey(created.plaintext));
    await expect(authenticator.authenticate(header)).rejects.toThrow(
      new InvalidApiKeyError('This API key has been revoked.'),
    );

    const other = await service.createKey(teamId, { name: 'gw2', env: 'live' });
    await prisma.team.update({ where: { id: teamId }, data: { status: 'disabled' } });
    await expect(authenticator.authenticate(`Bearer ${other.plaintext}`)).rejects.toThrow(
      "This API key's team is disabled.",
    );
  });
});
