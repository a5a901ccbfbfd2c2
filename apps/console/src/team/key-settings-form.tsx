import { type FormEvent, useState } from 'react';
import { TIERS } from '../api/types';
import { ErrorNotice } from '../components/states';
import { FormActions } from '../components/form-actions';
import { type KeySettingsInput } from './key-settings';

/** Name, expiry, allowed models and tiers, RPM/TPM: for issuing a key and for editing one. */
export function KeySettingsForm({
  initial,
  submitLabel,
  busy,
  error,
  onSubmit,
  onCancel,
}: {
  initial: KeySettingsInput;
  submitLabel: string;
  busy: boolean;
  error: unknown;
  onSubmit: (input: KeySettingsInput) => void;
  onCancel: () => void;
}) {
  const [input, setInput] = useState(initial);
  const set = <K extends keyof KeySettingsInput>(field: K, value: KeySettingsInput[K]) =>
    setInput((current) => ({ ...current, [field]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onSubmit(input);
  }

  return (
    <form onSubmit={submit}>
      <label htmlFor="key-name">Name</label>
      <input id="key-name" required maxLength={200} value={input.name} onChange={(e) => set('name', e.target.value)} />
      <label htmlFor="key-expires">Expires (empty: never)</label>
      <input
        id="key-expires"
        type="datetime-local"
        value={input.expiresAt}
        onChange={(e) => set('expiresAt', e.target.value)}
      />
      <label htmlFor="key-models">Allowed models, comma-separated (empty: every model)</label>
      <input id="key-models" value={input.models} onChange={(e) => set('models', e.target.value)} />
      <fieldset>
        <legend>Allowed tiers (none ticked: every tier)</legend>
        {TIERS.map((tier) => (
          <label key={tier} className="inline">
            <input
              type="checkbox"
              checked={input.tiers.includes(tier)}
              onChange={(e) =>
                set('tiers', e.target.checked ? [...input.tiers, tier] : input.tiers.filter((t) => t !== tier))
              }
            />{' '}
            {tier}
          </label>
        ))}
      </fieldset>
      <label htmlFor="key-rpm">Requests per minute (empty: no limit)</label>
      <input id="key-rpm" inputMode="numeric" value={input.rpm} onChange={(e) => set('rpm', e.target.value)} />
      <label htmlFor="key-tpm">Tokens per minute (empty: no limit)</label>
      <input id="key-tpm" inputMode="numeric" value={input.tpm} onChange={(e) => set('tpm', e.target.value)} />
      {error !== undefined && <ErrorNotice error={error} />}
      <FormActions onCancel={onCancel} submitLabel={submitLabel} disabled={busy} />
    </form>
  );
}
