import { type FormEvent, useState } from 'react';
import { LEDGER_KINDS, type ApiKey } from '../api/types';

export interface LedgerFilter {
  kind?: string;
  /** ISO times: the API's `from` is inclusive, `to` exclusive. */
  from?: string;
  to?: string;
  keyId?: string;
  requestId?: string;
}

/** A datetime-local value (the operator's local time) as ISO, or nothing. */
const isoOf = (local: string) => (local ? new Date(local).toISOString() : undefined);

/** The ledger's filters; applied on submit, so typing a request id is not a request per keystroke. */
export function LedgerFilters({ keys, onApply }: { keys: ApiKey[]; onApply: (filter: LedgerFilter) => void }) {
  const [kind, setKind] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [keyId, setKeyId] = useState('');
  const [requestId, setRequestId] = useState('');

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply({
      kind: kind || undefined,
      from: isoOf(from),
      to: isoOf(to),
      keyId: keyId || undefined,
      requestId: requestId.trim() || undefined,
    });
  }

  return (
    <form className="filters" onSubmit={submit} aria-label="Ledger filters">
      <div>
        <label htmlFor="ledger-kind">Kind</label>
        <select id="ledger-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">Any kind</option>
          {LEDGER_KINDS.map((k) => (
            <option key={k} value={k}>
              {k}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="ledger-from">From</label>
        <input id="ledger-from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div>
        <label htmlFor="ledger-to">Until</label>
        <input id="ledger-to" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <div>
        <label htmlFor="ledger-key">Key</label>
        <select id="ledger-key" value={keyId} onChange={(e) => setKeyId(e.target.value)}>
          <option value="">Any key</option>
          {keys.map((k) => (
            <option key={k.id} value={k.id}>
              {k.name} ({k.displayPrefix})
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="ledger-request-id">Request id</label>
        <input id="ledger-request-id" value={requestId} onChange={(e) => setRequestId(e.target.value)} />
      </div>
      <button type="submit">Apply filters</button>
    </form>
  );
}
