import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@switchyard/db';
import { allowListColumns, generateApiKey } from '@switchyard/keys';
import { LedgerService } from '@switchyard/ledger';

export interface TeamFixture {
  teamId: string;
  apiKey: string;
  keyId: string;
}

/** A team with one key (allow-lists absent: every model and tier) and, when `grantMicro` is given, a grant. */
export async function createTeam(
  prisma: PrismaClient,
  options: { grantMicro?: bigint; allowedModels?: string[]; allowedTiers?: string[]; revoked?: boolean } = {},
): Promise<TeamFixture> {
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

/** An error answer in OpenAI's shape with the seed's top-level message, whatever the wording. */
export function openAiErrorBody(type: string, code: string, param: string | null = null) {
  return { error: { message: expect.any(String), type, param, code }, message: expect.any(String) };
}
