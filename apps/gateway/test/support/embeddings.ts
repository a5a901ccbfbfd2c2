import { floatVector } from '@switchyard/contracts';
import type { PrismaClient } from '@switchyard/db';
import { simulatedEmbedding } from '@switchyard/providers';
import { countTextTokens } from '@switchyard/tokenizer';
import { waitFor } from '@switchyard/testing';

/** sim-embed in fixtures/fake-upstreams.catalog.yaml: served by the stack's simulator as sim-embed-1. */
export const SIM_EMBED = { alias: 'sim-embed', upstreamModel: 'sim-embed-1', dimensions: 256, ratePer1kMicro: 20_000n };

/** The vectors the simulator gives these texts, as float32 (what base64 decodes to, and the float answer). */
export function expectedVectors(texts: readonly string[], dimensions = SIM_EMBED.dimensions): number[][] {
  return texts.map((text) => floatVector(simulatedEmbedding(SIM_EMBED.upstreamModel, text, dimensions)));
}

export function tokensOf(texts: readonly string[]): number {
  return texts.reduce((sum, text) => sum + countTextTokens(text), 0);
}

/** What a batch of `tokens` costs at `ratePer1kMicro`, rounded up to the micro-credit. */
export function costOf(tokens: number, ratePer1kMicro = SIM_EMBED.ratePer1kMicro): bigint {
  return (BigInt(tokens) * ratePer1kMicro + 999n) / 1000n;
}

/** `count` distinct short texts (the seed of each vector). */
export function shortTexts(count: number, prefix = 'doc'): string[] {
  return Array.from({ length: count }, (_, index) => `${prefix} ${index}: the quick brown fox, item ${index * 7}`);
}

/**
 * The team's usage debits and records once billing has written `count` of them: each record's
 * kind, model and tokens, and each debit's amount.
 */
export async function billedEmbeddings(prisma: PrismaClient, teamId: string, count = 1) {
  await waitFor(async () => (await prisma.ledgerEntry.count({ where: { teamId, kind: 'usage' } })) >= count, {
    timeoutMs: 20_000,
    describe: 'the usage debits',
  });
  const entries = await prisma.ledgerEntry.findMany({ where: { teamId, kind: 'usage' }, orderBy: { id: 'asc' } });
  const records = await prisma.usageRecord.findMany({ where: { teamId }, orderBy: { occurredAt: 'asc' } });
  return {
    debits: entries.map((entry) => entry.amountMicro),
    records: records.map(({ kind, model, promptTokens, completionTokens, costMicro }) => ({
      kind,
      model,
      promptTokens,
      completionTokens,
      costMicro,
    })),
  };
}
