import { useCallback } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import type { Overview, ReconciliationReport } from '../api/types';
import { useApi } from '../api/use-api';
import { DailyBarChart } from '../components/charts';
import { Credits } from '../components/money-text';
import { AsyncView, ErrorNotice } from '../components/states';
import { useAction } from '../components/use-action';

export default function OverviewPage() {
  const overview = useApi<Overview>('/overview');
  const runReconciliation = useCallback(async () => {
    const report = await api<ReconciliationReport>('GET', '/reconciliation');
    overview.reload();
    return report;
  }, [overview]);
  const reconcile = useAction(runReconciliation);

  return (
    <section aria-labelledby="overview-title">
      <h1 id="overview-title">Overview</h1>
      <AsyncView state={overview} loadingLabel="Loading the overview…">
        {(o) => (
          <>
            <div className="cards">
              <div className="card">
                <h2>Total balance</h2>
                <p className="figure" data-testid="total-balance">
                  <Credits micro={o.totalBalanceMicro} />
                </p>
              </div>
              <div className="card">
                <h2>Held</h2>
                <p className="figure" data-testid="total-held">
                  <Credits micro={o.totalHeldMicro} />
                </p>
              </div>
              <div className="card">
                <h2>Failed billing events</h2>
                <p className="figure" data-testid="failed-events">
                  <Link to="/operations">{o.failedEvents}</Link>
                </p>
              </div>
              <div className="card">
                <h2>Last reconciliation</h2>
                {o.lastReconciliation ? (
                  <p data-testid="last-reconciliation">
                    {o.lastReconciliation.ok ? 'Balanced' : `${o.lastReconciliation.drifts} drift(s)`} at{' '}
                    <time dateTime={o.lastReconciliation.at}>{new Date(o.lastReconciliation.at).toLocaleString()}</time>
                  </p>
                ) : (
                  <p data-testid="last-reconciliation">Not run yet.</p>
                )}
                <button type="button" onClick={() => void reconcile.run()} disabled={reconcile.busy}>
                  {reconcile.busy ? 'Reconciling…' : 'Run now'}
                </button>
              </div>
            </div>
            {reconcile.error !== undefined && <ErrorNotice error={reconcile.error} />}
            <DailyBarChart
              title="Spend per day, last 30 days"
              series={['spent']}
              points={o.spendPerDay.map((d) => ({ day: d.day, values: { spent: d.spentMicro } }))}
            />
          </>
        )}
      </AsyncView>
    </section>
  );
}
