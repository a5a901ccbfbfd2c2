import type { Prisma } from '@switchyard/db';
import type { AdminActor, AuditRecord } from './admin-actor.types';

type AuditTx = Pick<Prisma.TransactionClient, 'adminAuditLog'>;

/** JSON has no bigint or Date: amounts become decimal strings, times ISO strings. */
export function toAuditJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === null || value === undefined) return undefined;
  return JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)),
  ) as Prisma.InputJsonValue;
}

/** The actor's display form in ledger entries and audit rows: `admin:<token name>`. */
export function actorLabel(actor: AdminActor): string {
  return actor.tokenId ? `admin:${actor.name}` : actor.name;
}

/** Appends one audit row. Call it inside the transaction that makes the change. */
export async function recordAudit(tx: AuditTx, actor: AdminActor, record: AuditRecord): Promise<void> {
  await tx.adminAuditLog.create({
    data: {
      actor: actorLabel(actor),
      actorTokenId: actor.tokenId,
      action: record.action,
      targetType: record.targetType,
      targetId: record.targetId,
      teamId: record.teamId,
      before: toAuditJson(record.before),
      after: toAuditJson(record.after),
    },
  });
}
