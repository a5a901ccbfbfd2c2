import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import type { AdminToken } from '../api/types';
import { useApi } from '../api/use-api';
import { Dialog } from '../components/dialog';
import { FormActions } from '../components/form-actions';
import { AsyncView, ErrorNotice } from '../components/states';
import { ColumnHeads, localTime } from '../components/table';
import { useAction } from '../components/use-action';
import { useSession } from '../session/session-context';

function CreateTokenDialog({ onClose, onDone }: { onClose: () => void; onDone: () => void }) {
  const [name, setName] = useState('');
  const [scope, setScope] = useState('read');
  const [teamId, setTeamId] = useState('');
  const [plaintext, setPlaintext] = useState<string>();
  const create = useAction(async () => {
    const body = { name: name.trim(), scope, ...(teamId.trim() ? { teamId: teamId.trim() } : {}) };
    const created = await api<{ token: string }>('POST', '/admin-tokens', { body });
    setPlaintext(created.token);
    onDone();
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    void create.run();
  }

  return (
    <Dialog title="Create an admin token" onClose={onClose}>
      {plaintext ? (
        <div className="plaintext">
          <p>Copy the token now: it is shown only once.</p>
          <label htmlFor="new-admin-token">Admin token {name}</label>
          <input id="new-admin-token" readOnly value={plaintext} onFocus={(e) => e.target.select()} />
          <div className="actions">
            <button type="button" onClick={() => void navigator.clipboard.writeText(plaintext)}>
              Copy token
            </button>
            <button type="button" onClick={onClose}>
              Done
            </button>
          </div>
        </div>
      ) : (
        <form onSubmit={submit}>
          <label htmlFor="token-name">Name</label>
          <input id="token-name" required value={name} onChange={(e) => setName(e.target.value)} autoFocus />
          <label htmlFor="token-scope">Scope</label>
          <select id="token-scope" value={scope} onChange={(e) => setScope(e.target.value)}>
            <option value="read">read: look only</option>
            <option value="write">write: change teams, keys and credits</option>
          </select>
          <label htmlFor="token-team">Team id (empty: every team)</label>
          <input id="token-team" value={teamId} onChange={(e) => setTeamId(e.target.value)} />
          {create.error !== undefined && <ErrorNotice error={create.error} />}
          <FormActions onCancel={onClose} submitLabel="Create token" disabled={create.busy || name.trim() === ''} />
        </form>
      )}
    </Dialog>
  );
}

export function AdminTokensSection() {
  const { canWrite, allTeams } = useSession();
  const tokens = useApi<AdminToken[]>('/admin-tokens');
  const [creating, setCreating] = useState(false);
  const revoke = useAction(async (token: AdminToken) => {
    await api('POST', `/admin-tokens/${token.id}/revoke`);
    tokens.reload();
  });

  return (
    <section aria-labelledby="tokens-title">
      <h2 id="tokens-title">Admin tokens</h2>
      {canWrite && allTeams && (
        <button type="button" onClick={() => setCreating(true)}>
          Create admin token
        </button>
      )}
      {revoke.error !== undefined && <ErrorNotice error={revoke.error} />}
      <AsyncView
        state={tokens}
        isEmpty={(list) => list.length === 0}
        empty="No admin tokens besides the bootstrap one."
      >
        {(list) => (
          <table>
            <caption className="sr-only">Admin tokens</caption>
            <ColumnHeads columns={['Name', 'Scope', 'Team', 'Created', 'Revoked']} actions={canWrite} />
            <tbody>
              {list.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>{token.scope}</td>
                  <td>{token.teamId ?? 'every team'}</td>
                  <td>{localTime(token.createdAt)}</td>
                  <td>{localTime(token.revokedAt)}</td>
                  {canWrite && (
                    <td>
                      {!token.revokedAt && (
                        <button
                          type="button"
                          className="danger"
                          disabled={revoke.busy}
                          aria-label={`Revoke admin token ${token.name}`}
                          onClick={() => void revoke.run(token)}
                        >
                          Revoke
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncView>
      {creating && <CreateTokenDialog onClose={() => setCreating(false)} onDone={tokens.reload} />}
    </section>
  );
}
