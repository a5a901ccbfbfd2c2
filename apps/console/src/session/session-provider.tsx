import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { ApiError } from '../api/api-error';
import { api, setCsrfToken, setUnauthorizedHandler } from '../api/client';
import type { Session } from '../api/types';
import { Loading } from '../components/states';
import { controlsOf, SessionContext } from './session-context';
import { SignInPage } from './sign-in-page';

type State = { kind: 'checking' } | { kind: 'signed-out'; notice?: string } | { kind: 'signed-in'; session: Session };

/**
 * Asks billing for the current session (the httpOnly cookie is invisible to scripts), shows the
 * sign-in page without one, and the app with one. Any 401 later means the session ended.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<State>({ kind: 'checking' });

  const enter = useCallback((session: Session) => {
    setCsrfToken(session.csrfToken);
    setState({ kind: 'signed-in', session });
  }, []);
  const leave = useCallback((notice?: string) => {
    setCsrfToken(null);
    setState({ kind: 'signed-out', notice });
  }, []);

  useEffect(() => {
    setUnauthorizedHandler(() => leave('Your session has ended. Sign in again.'));
    api<Session>('GET', '/session')
      .then(enter)
      .catch((err: unknown) =>
        leave(err instanceof ApiError && err.status === 401 ? undefined : `Could not reach billing: ${String(err)}`),
      );
  }, [enter, leave]);

  const signIn = useCallback(
    async (token: string) => enter(await api<Session>('POST', '/session', { body: { token } })),
    [enter],
  );
  const signOut = useCallback(async () => {
    try {
      await api('DELETE', '/session');
    } finally {
      leave('You have signed out.');
    }
  }, [leave]);

  const controls = useMemo(
    () => (state.kind === 'signed-in' ? controlsOf(state.session, signOut) : null),
    [state, signOut],
  );

  if (state.kind === 'checking') return <Loading label="Checking your session…" />;
  if (state.kind === 'signed-out') return <SignInPage onSignIn={signIn} notice={state.notice} />;
  if (!controls) return null;
  return <SessionContext.Provider value={controls}>{children}</SessionContext.Provider>;
}
