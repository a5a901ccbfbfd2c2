/**
 * `npm run db:seed`: a Demo team with 1,000 credits and an API key to call the gateway with.
 * Safe to run again (docker compose runs it on every `up`): the team and the grant are created
 * once, and a key is minted only while the team has no usable one. The key's plaintext is never
 * stored, so only the run that minted it can print it; set DEMO_API_KEY to keep using a key of
 * your choice (it is registered for Demo if missing and printed on every run).
 * Prints at most one line on stdout, `Demo API key: sy_live_…`; everything else goes to stderr.
 */
// The contracts' DTO decorators need the metadata polyfill before they load.
import 'reflect-metadata';
import { MICRO_PER_CREDIT } from '@switchyard/contracts';
import { LedgerService } from '@switchyard/ledger';
import { createPrismaClient, type PrismaClient } from '@switchyard/db';
import { ApiKeyService } from '@switchyard/admin';
import { API_KEY_DISPLAY_PREFIX_LENGTH, hashApiKey, isWellFormedApiKey } from '@switchyard/keys';

const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/switchyard';
const DEMO_TEAM = 'Demo';
const DEMO_GRANT_MICRO = 1_000n * MICRO_PER_CREDIT;

async function demoTeamId(prisma: PrismaClient): Promise<string> {
  const existing = await prisma.team.findFirst({
    where: { name: DEMO_TEAM },
    orderBy: { createdAt: 'asc' },
    select: { id: true },
  });
  if (existing) return existing.id;
  const created = await prisma.team.create({ data: { name: DEMO_TEAM }, select: { id: true } });
  console.error(`Created team ${DEMO_TEAM} (${created.id}).`);
  return created.id;
}

/** Registers the given plaintext for the team unless it already is; refuses a key someone else owns. */
async function ensureKey(prisma: PrismaClient, teamId: string, plaintext: string): Promise<void> {
  const keyHash = hashApiKey(plaintext);
  const existing = await prisma.apiKey.findUnique({ where: { keyHash }, select: { teamId: true, status: true } });
  if (existing && existing.teamId !== teamId) throw new Error('DEMO_API_KEY belongs to another team.');
  if (existing && existing.status !== 'active') throw new Error('DEMO_API_KEY was revoked; unset it to get a new key.');
  if (existing) return;
  await prisma.apiKey.create({
    data: { teamId, name: 'demo', keyHash, displayPrefix: plaintext.slice(0, API_KEY_DISPLAY_PREFIX_LENGTH) },
  });
  console.error('Registered DEMO_API_KEY for the Demo team.');
}

/** The team's newest key that still authenticates (active, not expired), if any. */
function usableKey(prisma: PrismaClient, teamId: string) {
  return prisma.apiKey.findFirst({
    where: { teamId, status: 'active', OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }] },
    orderBy: { createdAt: 'desc' },
    select: { displayPrefix: true, createdAt: true },
  });
}

/** The plaintext to print, or null when the team already has a key (whose plaintext is gone). */
async function demoKey(prisma: PrismaClient, teamId: string, wanted: string | undefined): Promise<string | null> {
  if (wanted && isWellFormedApiKey(wanted)) {
    await ensureKey(prisma, teamId, wanted);
    return wanted;
  }
  if (wanted) {
    console.error('DEMO_API_KEY is not a well-formed Switchyard key (checksum or shape); creating a new key instead.');
  } else {
    const existing = await usableKey(prisma, teamId);
    if (existing) {
      console.error(
        `The Demo team already has a key (${existing.displayPrefix}…, made ${existing.createdAt.toISOString()}); ` +
          'it was printed when it was made. Set DEMO_API_KEY to register one of your own, or issue another: ' +
          `npm run ops -- key issue --team ${teamId} --name demo`,
      );
      return null;
    }
  }
  const created = await new ApiKeyService(prisma).createKey(teamId, {
    name: `demo-${new Date().toISOString()}`,
    env: 'live',
  });
  return created.plaintext;
}

async function seed(env: Record<string, string | undefined>): Promise<void> {
  const prisma = createPrismaClient(env.DATABASE_URL || DEFAULT_DATABASE_URL);
  try {
    const teamId = await demoTeamId(prisma);
    const grant = await new LedgerService(prisma).grant(teamId, DEMO_GRANT_MICRO, {
      idempotencyKey: 'seed:demo-grant',
      actor: 'system:seed',
      memo: 'Demo credits',
    });
    if (grant.applied) console.error('Granted 1,000 credits to Demo.');
    const plaintext = await demoKey(prisma, teamId, env.DEMO_API_KEY?.trim());
    if (plaintext) process.stdout.write(`Demo API key: ${plaintext}\n`);
  } finally {
    await prisma.$disconnect();
  }
}

seed(process.env).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
