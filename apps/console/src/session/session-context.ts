import { createContext, useContext } from 'react';
import type { Session } from '../api/types';

export interface SessionControls {
  session: Session;
  /** Whether the token may change anything ("read" tokens may not; the API refuses them too). */
  canWrite: boolean;
  /** Whether the token sees every team (team-scoped tokens see one). */
  allTeams: boolean;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionControls | null>(null);

export function useSession(): SessionControls {
  const controls = useContext(SessionContext);
  if (!controls) throw new Error('useSession outside a signed-in SessionProvider');
  return controls;
}

export function controlsOf(session: Session, signOut: () => Promise<void>): SessionControls {
  return { session, canWrite: session.scope !== 'read', allTeams: session.teamId === null, signOut };
}
