import { useMemo } from 'react';
import type { UsageRow } from '../api/types';
import { useApi } from '../api/use-api';
import { DailyBarChart } from '../components/charts';
import { Credits } from '../components/money-text';
import { AsyncView } from '../components/states';
import { lastDays } from './days';

type Grouping = 'model' | 'key' | 'task_type';
const TOP_TITLES: Record<Grouping, string> = { model: 'Top models', key: 'Top keys', task_type: 'Top task types' };

function TopTable({
  teamId,
  groupBy,
  from,
  revision,
}: {
  teamId: string;
  groupBy: Grouping;
  from: string;
  revision: number;
}) {
  const usage = useApi<{ rows: UsageRow[] }>(`/teams/${teamId}/usage`, { groupBy, from }, revision);
  const headingId = `top-${groupBy}`;
  return (
    <div className="top-table">
      <h3 id={headingId}>{TOP_TITLES[groupBy]}</h3>
      <AsyncView state={usage} isEmpty={(u) => u.rows.length === 0} empty="No usage in 30 days.">
        {(u) => (
          <table aria-labelledby={headingId}>
            <thead>
              <tr>
                <th scope="col">{groupBy === 'task_type' ? 'Task type' : groupBy === 'key' ? 'Key' : 'Model'}</th>
                <th scope="col">Requests</th>
                <th scope="col">Credits</th>
              </tr>
            </thead>
            <tbody>
              {[...u.rows]
                .sort((a, b) => (BigInt(b.costMicro) > BigInt(a.costMicro) ? 1 : -1))
                .slice(0, 5)
                .map((row) => (
                  <tr key={row.group ?? '(none)'}>
                    <td>{row.group ?? (groupBy === 'task_type' ? '(model chosen directly)' : '(none)')}</td>
                    <td className="num">{row.requests}</td>
                    <td className="num">
                      <Credits micro={row.costMicro} />
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        )}
      </AsyncView>
    </div>
  );
}

/** The team's spend per day for 30 days, and where it went. `revision` changes after a posting. */
export function UsageSection({ teamId, revision }: { teamId: string; revision: number }) {
  const days = useMemo(() => lastDays(30), []);
  const from = `${days[0]}T00:00:00.000Z`;
  const daily = useApi<{ rows: UsageRow[] }>(`/teams/${teamId}/usage`, { groupBy: 'day', from }, revision);

  return (
    <section aria-labelledby="usage-title" className="usage">
      <h2 id="usage-title">Usage</h2>
      <AsyncView state={daily} loadingLabel="Loading usage…">
        {(u) => {
          const byDay = new Map(u.rows.map((row) => [row.group, row.costMicro]));
          return (
            <DailyBarChart
              title="Credits used per day, last 30 days"
              series={['used']}
              points={days.map((day) => ({ day, values: { used: byDay.get(day) ?? '0' } }))}
            />
          );
        }}
      </AsyncView>
      <div className="top-tables">
        {(['model', 'key', 'task_type'] as const).map((groupBy) => (
          <TopTable key={groupBy} teamId={teamId} groupBy={groupBy} from={from} revision={revision} />
        ))}
      </div>
    </section>
  );
}
