import { useEffect, useState } from 'react';
import { Link, Navigate } from 'react-router';
import { api } from '../api/client';
import type { Team, TeamPage } from '../api/types';
import { useApi } from '../api/use-api';
import { Sparkline } from '../components/charts';
import { Credits } from '../components/money-text';
import { AsyncView, ErrorNotice } from '../components/states';
import { ColumnHeads, CursorPager } from '../components/table';
import { useAction } from '../components/use-action';
import { formatCredits, sumMicro } from '../money/money';
import { useSession } from '../session/session-context';
import { CreateTeamDialog } from './create-team-dialog';

/** Waits until typing pauses before searching, so each keystroke is not a request. */
function useDebounced(value: string, ms = 250): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

export default function TeamsPage() {
  const { canWrite, allTeams, session } = useSession();
  const [search, setSearch] = useState('');
  const [after, setAfter] = useState<string[]>([]);
  const q = useDebounced(search.trim());
  const teams = useApi<TeamPage>(allTeams ? '/teams' : null, { q, limit: 50, after: after.at(-1) });
  const [creating, setCreating] = useState(false);
  const setStatus = useAction(async (team: Team, action: 'disable' | 'enable') => {
    await api('POST', `/teams/${team.id}/${action}`);
    teams.reload();
  });

  if (!allTeams) return <Navigate to={`/teams/${session.teamId}`} replace />;

  return (
    <section aria-labelledby="teams-title">
      <h1 id="teams-title">Teams</h1>
      <div className="toolbar">
        <label htmlFor="team-search">Search teams by name</label>
        <input
          id="team-search"
          type="search"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setAfter([]);
          }}
        />
        {canWrite && (
          <button type="button" onClick={() => setCreating(true)}>
            Create team
          </button>
        )}
      </div>
      {setStatus.error !== undefined && <ErrorNotice error={setStatus.error} />}
      <AsyncView
        state={teams}
        isEmpty={(page) => page.teams.length === 0}
        empty={q ? `No team's name contains “${q}”.` : 'No teams yet.'}
      >
        {(page) => (
          <>
            <table>
              <caption className="sr-only">Teams</caption>
              <ColumnHeads
                columns={['Name', 'Status', 'Balance', 'Held', 'Available', 'Spend, 30 days']}
                actions={canWrite}
              />
              <tbody>
                {page.teams.map((team) => (
                  <tr key={team.id}>
                    <td>
                      <Link to={`/teams/${team.id}`}>{team.name}</Link>
                    </td>
                    <td>
                      <span className={`status ${team.status}`}>{team.status}</span>
                    </td>
                    <td className="num">{team.balanceMicro && <Credits micro={team.balanceMicro} />}</td>
                    <td className="num">{team.heldMicro && <Credits micro={team.heldMicro} />}</td>
                    <td className="num">{team.availableMicro && <Credits micro={team.availableMicro} />}</td>
                    <td>
                      {team.spend30d && (
                        <Sparkline
                          values={team.spend30d}
                          label={`${team.name}: ${formatCredits(sumMicro(team.spend30d))} credits spent in 30 days`}
                        />
                      )}
                    </td>
                    {canWrite && (
                      <td>
                        <button
                          type="button"
                          disabled={setStatus.busy}
                          aria-label={`${team.status === 'active' ? 'Disable' : 'Enable'} team ${team.name}`}
                          onClick={() => void setStatus.run(team, team.status === 'active' ? 'disable' : 'enable')}
                        >
                          {team.status === 'active' ? 'Disable' : 'Enable'}
                        </button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
            <CursorPager
              cursors={after}
              nextCursor={page.nextCursor}
              onChange={setAfter}
              backLabel="Previous page"
              forwardLabel="Next page"
            />
          </>
        )}
      </AsyncView>
      {creating && <CreateTeamDialog onClose={() => setCreating(false)} />}
    </section>
  );
}
