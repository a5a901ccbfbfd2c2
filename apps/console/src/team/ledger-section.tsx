import { useState } from 'react';
import { API_BASE, withQuery } from '../api/client';
import type { ApiKey, LedgerPage } from '../api/types';
import { useApi } from '../api/use-api';
import { Credits } from '../components/money-text';
import { AsyncView } from '../components/states';
import { ColumnHeads, CursorPager } from '../components/table';
import { type LedgerFilter, LedgerFilters } from './ledger-filters';

const PAGE_SIZE = 50;

/**
 * The ledger, newest first, a page at a time on the API's cursor (the id of the last entry
 * shown); the cursors already passed are kept so "Newer" goes back without offsets.
 */
export function LedgerSection({
  teamId,
  revision,
  onRefund,
}: {
  teamId: string;
  revision: number;
  onRefund?: (requestId: string) => void;
}) {
  const [filter, setFilter] = useState<LedgerFilter>({});
  const [cursors, setCursors] = useState<string[]>([]);
  const keys = useApi<ApiKey[]>(`/teams/${teamId}/keys`);
  const ledger = useApi<LedgerPage>(
    `/teams/${teamId}/ledger`,
    { ...filter, cursor: cursors.at(-1), limit: PAGE_SIZE },
    revision,
  );
  const exportHref = withQuery(`${API_BASE}/teams/${teamId}/ledger/export`, { ...filter });
  const keyName = new Map((keys.data ?? []).map((k) => [k.id, k.name]));

  return (
    <section aria-labelledby="ledger-title" className="ledger">
      <h2 id="ledger-title">Ledger</h2>
      <LedgerFilters
        keys={keys.data ?? []}
        onApply={(next) => {
          setFilter(next);
          setCursors([]);
        }}
      />
      <p>
        <a href={exportHref} download>
          Export these entries as CSV
        </a>
      </p>
      <AsyncView
        state={ledger}
        loadingLabel="Loading the ledger…"
        isEmpty={(page) => page.entries.length === 0}
        empty="No ledger entries match."
      >
        {(page) => (
          <>
            <table data-testid="ledger-table">
              <caption className="sr-only">Ledger entries, newest first</caption>
              <ColumnHeads
                columns={['Entry', 'Time', 'Kind', 'Amount', 'Balance after', 'Key', 'Request', 'Memo']}
                actions={onRefund !== undefined}
              />
              <tbody>
                {page.entries.map((entry) => (
                  <tr key={entry.id} data-kind={entry.kind}>
                    <td>#{entry.id}</td>
                    <td>
                      <time dateTime={entry.createdAt}>{new Date(entry.createdAt).toLocaleString()}</time>
                    </td>
                    <td>{entry.kind}</td>
                    <td className="num">
                      <Credits micro={entry.amountMicro} signed />
                    </td>
                    <td className="num">
                      <Credits micro={entry.balanceAfterMicro} />
                    </td>
                    <td>{entry.apiKeyId ? (keyName.get(entry.apiKeyId) ?? entry.apiKeyId.slice(0, 8)) : ''}</td>
                    <td>
                      <code>{entry.requestId ?? entry.refundsRequestId ?? ''}</code>
                    </td>
                    <td>{entry.memo ?? ''}</td>
                    {onRefund && (
                      <td>
                        {entry.kind === 'usage' && entry.requestId && (
                          <button
                            type="button"
                            aria-label={`Refund request ${entry.requestId}`}
                            onClick={() => onRefund(entry.requestId as string)}
                          >
                            Refund
                          </button>
                        )}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            <CursorPager
              cursors={cursors}
              nextCursor={page.nextCursor}
              onChange={setCursors}
              backLabel="Newer entries"
              forwardLabel="Older entries"
            />
          </>
        )}
      </AsyncView>
    </section>
  );
}
