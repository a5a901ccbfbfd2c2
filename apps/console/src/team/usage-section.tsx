import { useMemo, useState } from 'react';
import type { ApiKey, UsageRow } from '../api/types';
import { useApi } from '../api/use-api';
import { DailyBarChart, type DailyPoint } from '../components/charts';
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
  keyNames,
}: {
  teamId: string;
  groupBy: Grouping;
  from: string;
  revision: number;
  keyNames: Map<string, string>;
}) {
  const usage = useApi<{ rows: UsageRow[] }>(`/teams/${teamId}/usage`, { groupBy, from, top: 5 }, revision);
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
              {u.rows.map((row) => (
                <tr key={row.group ?? '(none)'}>
                  <td>
                    {row.group === null
                      ? groupBy === 'task_type'
                        ? '(model chosen directly)'
                        : '(none)'
                      : groupBy === 'key'
                        ? (keyNames.get(row.group) ?? row.group)
                        : row.group}
                  </td>
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

/** Rows of day_model / day_tier as one point per day, a series per model or tier. */
function dailySeries(days: string[], rows: UsageRow[]): { series: string[]; points: DailyPoint[] } {
  const series = [...new Set(rows.map((row) => row.group ?? '(none)'))];
  const byDay = new Map<string, Record<string, string>>();
  for (const row of rows) {
    const values = byDay.get(row.day ?? '') ?? {};
    values[row.group ?? '(none)'] = row.costMicro;
    byDay.set(row.day ?? '', values);
  }
  return {
    series: series.length > 0 ? series : ['used'],
    points: days.map((day) => ({ day, values: byDay.get(day) ?? {} })),
  };
}

/** The team's spend per day for 30 days split by tier or model, and where it went. `revision` changes after a posting. */
export function UsageSection({ teamId, revision }: { teamId: string; revision: number }) {
  const days = useMemo(() => lastDays(30), []);
  const from = `${days[0]}T00:00:00.000Z`;
  const [split, setSplit] = useState<'tier' | 'model'>('tier');
  const keys = useApi<ApiKey[]>(`/teams/${teamId}/keys`);
  const keyNames = new Map((keys.data ?? []).map((k) => [k.id, k.name]));
  const daily = useApi<{ rows: UsageRow[] }>(`/teams/${teamId}/usage`, { groupBy: `day_${split}`, from }, revision);

  return (
    <section aria-labelledby="usage-title" className="usage">
      <h2 id="usage-title">Usage</h2>
      <div className="toolbar">
        <label htmlFor="usage-split">Split the chart by</label>
        <select id="usage-split" value={split} onChange={(e) => setSplit(e.target.value as 'tier' | 'model')}>
          <option value="tier">tier</option>
          <option value="model">model</option>
        </select>
      </div>
      <AsyncView state={daily} loadingLabel="Loading usage…">
        {(u) => (
          <DailyBarChart title={`Credits used per day by ${split}, last 30 days`} {...dailySeries(days, u.rows)} />
        )}
      </AsyncView>
      <div className="top-tables">
        {(['model', 'key', 'task_type'] as const).map((groupBy) => (
          <TopTable
            key={groupBy}
            teamId={teamId}
            groupBy={groupBy}
            from={from}
            revision={revision}
            keyNames={keyNames}
          />
        ))}
      </div>
    </section>
  );
}
