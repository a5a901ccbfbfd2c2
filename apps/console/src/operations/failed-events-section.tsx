import { api } from '../api/client';
import type { FailedEvent } from '../api/types';
import { useApi } from '../api/use-api';
import { AsyncView, ErrorNotice } from '../components/states';
import { ColumnHeads, localTime } from '../components/table';
import { useAction } from '../components/use-action';
import { useSession } from '../session/session-context';

/** Usage events billing could not apply; a replay moves one back to the queue (the ledger bills a request once). */
export function FailedEventsSection() {
  const { canWrite } = useSession();
  const failed = useApi<{ total: number; events: FailedEvent[] }>('/billing/failed-events', { limit: 100 });
  const replay = useAction(async (jobId: string) => {
    await api('POST', `/billing/failed-events/${encodeURIComponent(jobId)}/replay`);
    failed.reload();
  });

  return (
    <section aria-labelledby="failed-title">
      <h2 id="failed-title">Failed billing events</h2>
      {replay.error !== undefined && <ErrorNotice error={replay.error} />}
      <AsyncView state={failed} isEmpty={(f) => f.events.length === 0} empty="No failed billing events.">
        {(f) => (
          <table>
            <caption>{f.total} failed event(s)</caption>
            <ColumnHeads columns={['Job', 'Team', 'Request', 'Reason', 'Attempts', 'Failed at']} actions={canWrite} />
            <tbody>
              {f.events.map((event) => (
                <tr key={event.jobId}>
                  <td>
                    <code>{event.jobId}</code>
                  </td>
                  <td>{event.teamId ?? ''}</td>
                  <td>
                    <code>{event.requestId ?? ''}</code>
                  </td>
                  <td>{event.failedReason}</td>
                  <td className="num">{event.attemptsMade}</td>
                  <td>{localTime(event.failedAt)}</td>
                  {canWrite && (
                    <td>
                      <button
                        type="button"
                        disabled={replay.busy}
                        aria-label={`Replay job ${event.jobId}`}
                        onClick={() => void replay.run(event.jobId)}
                      >
                        Replay
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </AsyncView>
    </section>
  );
}
