import { NavLink, Outlet } from 'react-router';
import { Suspense } from 'react';
import { useSession } from '../session/session-context';
import { Loading } from './states';

/** The frame of every signed-in page: navigation, what the token may do, sign-out. */
export function Layout() {
  const { session, canWrite, allTeams, signOut } = useSession();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="top">
        <span className="brand">Switchyard</span>
        <nav aria-label="Main">
          <NavLink to="/" end>
            Overview
          </NavLink>
          <NavLink to={allTeams ? '/teams' : `/teams/${session.teamId}`}>{allTeams ? 'Teams' : 'Team'}</NavLink>
          <NavLink to="/operations">Billing operations</NavLink>
        </nav>
        <span className="scope" data-testid="scope">
          {canWrite ? 'Read and write' : 'Read only'} · {allTeams ? 'all teams' : 'one team'}
        </span>
        <button type="button" onClick={() => void signOut()}>
          Sign out
        </button>
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
    </>
  );
}
