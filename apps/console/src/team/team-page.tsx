import { useState } from 'react';
import { useParams } from 'react-router';
import type { Team } from '../api/types';
import { useApi } from '../api/use-api';
import { Credits } from '../components/money-text';
import { AsyncView } from '../components/states';
import { useSession } from '../session/session-context';
import { CreditDialog, type CreditKind } from './credit-dialog';
import { KeysSection } from './keys-section';
import { LedgerSection } from './ledger-section';
import { UsageSection } from './usage-section';

/** One team: balance, usage, the ledger and the keys. Another team's id answers 404 to a scoped token. */
export default function TeamPage() {
  const { teamId = '' } = useParams();
  const { canWrite } = useSession();
  const team = useApi<Team>(`/teams/${encodeURIComponent(teamId)}`);
  const [dialog, setDialog] = useState<CreditKind | null>(null);
  // Bumped after each posting, so the ledger and the usage charts fetch again.
  const [revision, setRevision] = useState(0);
  const [refundRequestId, setRefundRequestId] = useState<string>();

  const refund = (requestId: string) => {
    setRefundRequestId(requestId);
    setDialog('refund');
  };

  return (
    <AsyncView state={team} loadingLabel="Loading the team…">
      {(t) => (
        <section aria-labelledby="team-title">
          <h1 id="team-title">
            {t.name} <span className={`status ${t.status}`}>{t.status}</span>
          </h1>
          <button
            type="button"
            onClick={() => {
              team.reload();
              setRevision((n) => n + 1);
            }}
          >
            Refresh
          </button>
          <div className="cards">
            <div className="card">
              <h2>Balance</h2>
              <p className="figure" data-testid="team-balance">
                {t.balanceMicro !== undefined ? <Credits micro={t.balanceMicro} /> : '—'} credits
              </p>
              {t.heldMicro !== undefined && (
                <p>
                  Held <Credits micro={t.heldMicro} />
                  {t.availableMicro !== undefined && (
                    <>
                      {' '}
                      · available <Credits micro={t.availableMicro} />
                    </>
                  )}
                </p>
              )}
              {canWrite && (
                <div className="actions">
                  <button type="button" onClick={() => setDialog('grant')}>
                    Grant credits
                  </button>
                  <button type="button" onClick={() => setDialog('adjustment')}>
                    Adjust
                  </button>
                  <button type="button" onClick={() => setDialog('refund')}>
                    Refund a request
                  </button>
                </div>
              )}
            </div>
          </div>
          <UsageSection teamId={t.id} revision={revision} />
          <LedgerSection teamId={t.id} revision={revision} onRefund={canWrite ? refund : undefined} />
          <KeysSection teamId={t.id} />
          {dialog && (
            <CreditDialog
              team={t}
              kind={dialog}
              requestId={dialog === 'refund' ? refundRequestId : undefined}
              onClose={() => {
                setDialog(null);
                setRefundRequestId(undefined);
              }}
              onPosted={() => {
                team.reload();
                setRevision((n) => n + 1);
              }}
            />
          )}
        </section>
      )}
    </AsyncView>
  );
}
