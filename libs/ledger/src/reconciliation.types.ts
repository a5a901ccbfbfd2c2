export type DriftCheck =
  | 'balance_vs_entries'
  | 'balance_after_chain'
  | 'last_entry_id'
  | 'usage_without_entry'
  | 'entry_without_usage'
  | 'usage_amount_mismatch'
  | 'refund_mismatch'
  | 'orphan_hold'
  | 'held_total';

/** One broken invariant, with enough detail to find the rows. */
export interface Drift {
  teamId: string;
  check: DriftCheck;
  detail: string;
}

export interface ReconciliationReport {
  ok: boolean;
  teamsChecked: number;
  drifts: Drift[];
  checkedAt: Date;
}
