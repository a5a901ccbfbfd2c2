import { type FormEvent, useState } from 'react';
import { ErrorNotice } from '../components/states';

/** Paste an admin token; billing answers with a session cookie, and the token is not kept in the page. */
export function SignInPage({ onSignIn, notice }: { onSignIn: (token: string) => Promise<void>; notice?: string }) {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await onSignIn(token.trim());
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  }

  return (
    <main className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Switchyard console</h1>
      {notice && (
        <p className="notice" role="status">
          {notice}
        </p>
      )}
      <form onSubmit={submit}>
        <label htmlFor="admin-token">Admin token</label>
        <input
          id="admin-token"
          type="password"
          autoComplete="off"
          required
          value={token}
          onChange={(e) => setToken(e.target.value)}
        />
        <p className="hint">
          The token stays in billing: the console keeps only a session cookie, for 8 hours at most.
        </p>
        <button type="submit" disabled={busy || token.trim() === ''}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {error !== undefined && <ErrorNotice error={error} />}
    </main>
  );
}
