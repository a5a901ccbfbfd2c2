import type { ModuleRef } from '@nestjs/core';
import type { ReconciliationProbe } from '@switchyard/observability';
import { ReconciliationStatusStore } from '../admin/operations/reconciliation-status.store';

/** Reads the newest all-teams reconciliation at scrape time through the store AdminModule registered. */
export function reconciliationProbe(moduleRef: ModuleRef): ReconciliationProbe {
  return () => moduleRef.get(ReconciliationStatusStore, { strict: false }).last();
}
