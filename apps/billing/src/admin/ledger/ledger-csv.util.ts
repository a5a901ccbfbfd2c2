import type { LedgerEntryView } from '@switchyard/ledger';

export const LEDGER_CSV_HEADER =
  'id,created_at,kind,amount_micro,balance_after_micro,request_id,refunds_request_id,api_key_id,actor,memo\n';

/**
 * One RFC 4180 field. Free text that a spreadsheet would run as a formula (=, +, -, @ first) is
 * prefixed with a quote mark; numbers are written by us and never pass through here.
 */
export function csvText(value: string | null): string {
  if (value === null) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function ledgerCsvRow(e: LedgerEntryView): string {
  return (
    [
      e.id.toString(),
      e.createdAt.toISOString(),
      e.kind,
      e.amountMicro.toString(),
      e.balanceAfterMicro.toString(),
      csvText(e.requestId),
      csvText(e.refundsRequestId),
      e.apiKeyId ?? '',
      csvText(e.actor),
      csvText(e.memo),
    ].join(',') + '\n'
  );
}
