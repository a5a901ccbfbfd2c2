import { useState } from 'react';
import type { ApiKey } from '../api/types';
import { useApi } from '../api/use-api';
import { AsyncView } from '../components/states';
import { ColumnHeads, localTime } from '../components/table';
import { useSession } from '../session/session-context';
import { EditKeyDialog, IssueKeyDialog, KeyActionDialog } from './key-dialogs';

type Open = { kind: 'issue' } | { kind: 'edit' | 'revoke' | 'rotate'; key: ApiKey } | null;

const allOrList = (list: string[] | null) => (list ? list.join(', ') : 'all');
const limitText = (limit: number | null) => (limit === null ? '—' : limit.toLocaleString());

export function KeysSection({ teamId }: { teamId: string }) {
  const { canWrite } = useSession();
  const keys = useApi<ApiKey[]>(`/teams/${teamId}/keys`);
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);

  return (
    <section aria-labelledby="keys-title" className="keys">
      <h2 id="keys-title">API keys</h2>
      {canWrite && (
        <button type="button" onClick={() => setOpen({ kind: 'issue' })}>
          Issue a key
        </button>
      )}
      <AsyncView state={keys} isEmpty={(list) => list.length === 0} empty="This team has no keys yet.">
        {(list) => (
          <table data-testid="keys-table">
            <caption className="sr-only">API keys</caption>
            <ColumnHeads
              columns={['Name', 'Prefix', 'Status', 'Expires', 'Models', 'Tiers', 'RPM', 'TPM', 'Last used']}
              actions={canWrite}
            />
            <tbody>
              {list.map((key) => (
                <tr key={key.id}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.displayPrefix}</code>
                  </td>
                  <td>
                    <span className={`status ${key.status}`}>{key.status}</span>
                  </td>
                  <td>{localTime(key.expiresAt, 'never')}</td>
                  <td>{allOrList(key.allowedModels)}</td>
                  <td>{allOrList(key.allowedTiers)}</td>
                  <td className="num">{limitText(key.rpmLimit)}</td>
                  <td className="num">{limitText(key.tpmLimit)}</td>
                  <td>{localTime(key.lastUsedAt, 'never')}</td>
                  {canWrite && (
                    <td className="row-actions">
                      {key.status === 'active' &&
                        (['edit', 'rotate', 'revoke'] as const).map((kind) => (
                          <button
                            key={kind}
                            type="button"
                            aria-label={`${kind[0].toUpperCase()}${kind.slice(1)} key ${key.name}`}
                            onClick={() => setOpen({ kind, key })}
                          >
                            {kind[0].toUpperCase() + kind.slice(1)}
                          </button>
                        ))}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncView>
      {open?.kind === 'issue' && <IssueKeyDialog teamId={teamId} onClose={close} onDone={keys.reload} />}
      {open?.kind === 'edit' && <EditKeyDialog apiKey={open.key} onClose={close} onDone={keys.reload} />}
      {(open?.kind === 'revoke' || open?.kind === 'rotate') && (
        <KeyActionDialog apiKey={open.key} action={open.kind} onClose={close} onDone={keys.reload} />
      )}
    </section>
  );
}
