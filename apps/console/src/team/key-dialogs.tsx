import { useState } from 'react';
import { api } from '../api/client';
import type { ApiKey, IssuedKey } from '../api/types';
import { Dialog } from '../components/dialog';
import { ErrorNotice } from '../components/states';
import { useAction } from '../components/use-action';
import { bodyOf, inputOf, type KeySettingsInput } from './key-settings';
import { KeySettingsForm } from './key-settings-form';

/** The plaintext of a new key, shown this once, with a copy button. */
export function PlaintextKey({ issued }: { issued: IssuedKey }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="plaintext">
      <p>Copy the key now: it is shown only once and cannot be read again.</p>
      <label htmlFor="issued-key">API key {issued.name}</label>
      <input id="issued-key" readOnly value={issued.key} onFocus={(e) => e.target.select()} />
      <button
        type="button"
        onClick={() => void navigator.clipboard.writeText(issued.key).then(() => setCopied(true))}
        aria-describedby="copy-status"
      >
        Copy key
      </button>
      <span id="copy-status" role="status">
        {copied ? 'Copied to the clipboard.' : ''}
      </span>
    </div>
  );
}

export function IssueKeyDialog({
  teamId,
  onClose,
  onDone,
}: {
  teamId: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const [issued, setIssued] = useState<IssuedKey>();
  const issue = useAction(async (input: KeySettingsInput) => {
    setIssued(await api<IssuedKey>('POST', `/teams/${teamId}/keys`, { body: bodyOf(input) }));
    onDone();
  });
  return (
    <Dialog title="Issue a key" onClose={onClose}>
      {issued ? (
        <>
          <PlaintextKey issued={issued} />
          <div className="actions">
            <button type="button" onClick={onClose}>
              Done
            </button>
          </div>
        </>
      ) : (
        <KeySettingsForm
          initial={inputOf()}
          submitLabel="Issue key"
          busy={issue.busy}
          error={issue.error}
          onCancel={onClose}
          onSubmit={(input) => void issue.run(input)}
        />
      )}
    </Dialog>
  );
}

export function EditKeyDialog({
  apiKey,
  onClose,
  onDone,
}: {
  apiKey: ApiKey;
  onClose: () => void;
  onDone: () => void;
}) {
  const save = useAction(async (input: KeySettingsInput) => {
    await api('PATCH', `/teams/${apiKey.teamId}/keys/${apiKey.id}`, { body: bodyOf(input) });
    onDone();
    onClose();
  });
  return (
    <Dialog title={`Edit key ${apiKey.name}`} onClose={onClose}>
      <KeySettingsForm
        initial={inputOf(apiKey)}
        submitLabel="Save"
        busy={save.busy}
        error={save.error}
        onCancel={onClose}
        onSubmit={(input) => void save.run(input)}
      />
    </Dialog>
  );
}

/** Revoke or rotate, after a confirmation; rotation shows the new key's plaintext once. */
export function KeyActionDialog({
  apiKey,
  action,
  onClose,
  onDone,
}: {
  apiKey: ApiKey;
  action: 'revoke' | 'rotate';
  onClose: () => void;
  onDone: () => void;
}) {
  const [rotated, setRotated] = useState<IssuedKey>();
  const act = useAction(async () => {
    const answer = await api<IssuedKey>('POST', `/teams/${apiKey.teamId}/keys/${apiKey.id}/${action}`);
    onDone();
    if (action === 'rotate') setRotated(answer);
    else onClose();
  });
  return (
    <Dialog title={`${action === 'revoke' ? 'Revoke' : 'Rotate'} key ${apiKey.name}`} onClose={onClose}>
      {rotated ? (
        <PlaintextKey issued={rotated} />
      ) : (
        <p>
          {action === 'revoke'
            ? `Key ${apiKey.displayPrefix} stops working on every gateway at once. This cannot be undone.`
            : `A new key with the same settings replaces ${apiKey.displayPrefix}, which is revoked at once.`}
        </p>
      )}
      {act.error !== undefined && <ErrorNotice error={act.error} />}
      <div className="actions">
        <button type="button" onClick={onClose}>
          {rotated ? 'Done' : 'Cancel'}
        </button>
        {!rotated && (
          <button type="button" className="danger" disabled={act.busy} onClick={() => void act.run()}>
            {action === 'revoke' ? 'Revoke key' : 'Rotate key'}
          </button>
        )}
      </div>
    </Dialog>
  );
}
