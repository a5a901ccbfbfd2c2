import { type FormEvent, useState } from 'react';
import type { AuditEntry } from '../api/types';
import { useApi } from '../api/use-api';
import { AsyncView } from '../components/states';
import { ColumnHeads } from '../components/table';
import { useSession } from '../session/session-context';

/** The admin audit trail, newest first; the API filters by team, the action filter narrows the page. */
export function AuditLogSection() {
  const { allTeams } = useSession();
  const [teamInput, setTeamInput] = useState('');
  const [actionInput, setActionInput] = useState('');
  const [applied, setApplied] = useState({ teamId: '', action: '' });
  const audit = useApi<AuditEntry[]>('/audit-log', { teamId: applied.teamId || undefined, limit: 200 });

  function submit(event: FormEvent) {
    event.preventDefault();
    setApplied({ teamId: teamInput.trim(), action: actionInput.trim() });
  }
  const matches = (entry: AuditEntry) => !applied.action || entry.action.includes(applied.action);

  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">Audit log</h2>
      <form className="filters" onSubmit={submit} aria-label="Audit log filters">
        {allTeams && (
          <div>
            <label htmlFor="audit-team">Team id</label>
            <input id="audit-team" value={teamInput} onChange={(e) => setTeamInput(e.target.value)} />
          </div>
        )}
        <div>
          <label htmlFor="audit-action">Action contains</label>
          <input id="audit-action" value={actionInput} onChange={(e) => setActionInput(e.target.value)} />
        </div>
        <button type="submit">Apply filters</button>
      </form>
      <AsyncView
        state={audit}
        isEmpty={(entries) => entries.filter(matches).length === 0}
        empty="No audit entries match."
      >
        {(entries) => (
          <table>
            <caption className="sr-only">Audit log entries, newest first</caption>
            <ColumnHeads columns={['Time', 'Actor', 'Action', 'Target', 'Team']} />
            <tbody>
              {entries.filter(matches).map((entry) => (
                <tr key={String(entry.id)}>
                  <td>{new Date(entry.createdAt).toLocaleString()}</td>
                  <td>{entry.actor}</td>
                  <td>{entry.action}</td>
                  <td>
                    {entry.targetType} <code>{entry.targetId}</code>
                  </td>
                  <td>{entry.teamId ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncView>
    </section>
  );
}
