import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@switchyard/db';
import { allowListColumns, generateApiKey } from '@switchyard/keys';
import { LedgerService } from '@switchyard/ledger';

export interface TeamFixture {
  teamId: string;
  apiKey: string;
  keyId: string;
}

export interface TeamFixtureOptions {
  /** A grant of this many micro-credits, through the ledger as billing's admin API would write it. */
  grantMicro?: bigint;
  allowedModels?: string[];
  allowedTiers?: string[];
  revoked?: boolean;
}

/** A team with one key (allow-lists absent: every model and tier) and, when `grantMicro` is given, a grant. */
export async function createTeam(prisma: PrismaClient, options: TeamFixtureOptions = {}): Promise<TeamFixture> {
  const team = await prisma.team.create({ data: { name: `team-${randomUUID().slice(0, 8)}` } });
  const key = generateApiKey('live');
  const row = await prisma.apiKey.create({
    data: {
      teamId: team.id,
      name: 'e2e',
      keyHash: key.hash,
      displayPrefix: key.displayPrefix,
      ...allowListColumns({ allowedModels: options.allowedModels, allowedTiers: options.allowedTiers }),
      status: options.revoked ? 'revoked' : 'active',
      revokedAt: options.revoked ? new Date() : null,
    },
  });
  if (options.grantMicro !== undefined) {
    await new LedgerService(prisma).grant(team.id, options.grantMicro, {
      idempotencyKey: `e2e:${team.id}`,
      actor: 'e2e',
      memo: 'fixture',
    });
  }
  return { teamId: team.id, apiKey: key.plaintext, keyId: row.id };
}
