import { type FormEvent, useState } from 'react';
import { api } from '../api/client';
import type { LedgerEntry, Team } from '../api/types';
import { Dialog, useIdempotencyKey } from '../components/dialog';
import { Credits } from '../components/money-text';
import { FormActions } from '../components/form-actions';
import { ErrorNotice } from '../components/states';
import { useAction } from '../components/use-action';
import { formatCredits, tryParseCredits } from '../money/money';

export type CreditKind = 'grant' | 'adjustment' | 'refund';

const TITLES: Record<CreditKind, string> = {
  grant: 'Grant credits',
  adjustment: 'Adjust the balance',
  refund: 'Refund a request',
};
const PATHS: Record<CreditKind, string> = { grant: 'grants', adjustment: 'adjustments', refund: 'refunds' };

/**
 * Grant, adjustment or refund in two steps, form then confirmation, with the amount as exact
 * credits. The Idempotency-Key is made when the dialog opens: a double click, a retry after a
 * network error or a second confirm all post the same key, so the ledger gets one entry.
 */
export function CreditDialog({
  team,
  kind,
  requestId: initialRequestId,
  onClose,
  onPosted,
}: {
  team: Team;
  kind: CreditKind;
  requestId?: string;
  onClose: () => void;
  onPosted: (entry: LedgerEntry) => void;
}) {
  const idempotencyKey = useIdempotencyKey();
  const [amount, setAmount] = useState('');
  const [memo, setMemo] = useState('');
  const [requestId, setRequestId] = useState(initialRequestId ?? '');
  const [step, setStep] = useState<'form' | 'confirm'>('form');
  const [posted, setPosted] = useState<LedgerEntry>();
  const memoRequired = kind === 'adjustment';
  const parsed = kind === 'refund' ? null : tryParseCredits(amount, { allowNegative: kind === 'adjustment' });
  const amountProblem = parsed && !parsed.ok && amount.trim() !== '' ? parsed.message : null;
  const ready =
    (kind === 'refund' ? requestId.trim() !== '' : parsed?.ok === true && parsed.micro !== 0n) &&
    (!memoRequired || memo.trim() !== '');

  const post = useAction(async () => {
    const body: Record<string, string> = {};
    if (kind === 'refund') body.requestId = requestId.trim();
    else if (parsed?.ok) body.amountMicro = parsed.micro.toString();
    if (memo.trim()) body.memo = memo.trim();
    const { entry } = await api<{ entry: LedgerEntry }>('POST', `/teams/${team.id}/credits/${PATHS[kind]}`, {
      body,
      idempotencyKey,
    });
    setPosted(entry);
    onPosted(entry);
  });

  function review(event: FormEvent) {
    event.preventDefault();
    if (ready) setStep('confirm');
  }

  if (posted)
    return (
      <Dialog title={TITLES[kind]} onClose={onClose}>
        <p role="status">
          Posted entry #{posted.id}: <Credits micro={posted.amountMicro} signed /> credits. {team.name}&apos;s balance
          is now <Credits micro={posted.balanceAfterMicro} /> credits.
        </p>
        <div className="actions">
          <button type="button" onClick={onClose} autoFocus>
            Done
          </button>
        </div>
      </Dialog>
    );

  if (step === 'confirm')
    return (
      <Dialog title={TITLES[kind]} onClose={onClose}>
        <p data-testid="credit-confirmation">
          {kind === 'refund' ? (
            <>
              Refund request <code>{requestId.trim()}</code> to {team.name}: its usage debit is reversed.
            </>
          ) : (
            <>
              {kind === 'grant' ? 'Grant' : 'Adjust by'}{' '}
              <strong>{parsed?.ok ? formatCredits(parsed.micro, { fixed: true }) : ''}</strong> credits (
              {parsed?.ok ? parsed.micro.toString() : ''} micro-credits) {kind === 'grant' ? 'to' : 'for'} {team.name}.
            </>
          )}
        </p>
        {memo.trim() && <p>Memo: {memo.trim()}</p>}
        {post.error !== undefined && <ErrorNotice error={post.error} />}
        <div className="actions">
          <button type="button" onClick={() => setStep('form')} disabled={post.busy}>
            Back
          </button>
          <button type="button" onClick={() => void post.run()} disabled={post.busy} autoFocus>
            {post.busy ? 'Posting…' : `Confirm ${kind}`}
          </button>
        </div>
      </Dialog>
    );

  return (
    <Dialog title={TITLES[kind]} onClose={onClose}>
      <form onSubmit={review} noValidate>
        {kind === 'refund' ? (
          <>
            <label htmlFor="refund-request-id">Request id</label>
            <input id="refund-request-id" value={requestId} onChange={(e) => setRequestId(e.target.value)} autoFocus />
          </>
        ) : (
          <>
            <label htmlFor="credit-amount">
              Amount in credits{kind === 'adjustment' ? ' (negative to take credits away)' : ''}
            </label>
            <input
              id="credit-amount"
              inputMode="decimal"
              value={amount}
              onChange={(e) => setAmount(e.target.value)}
              aria-invalid={amountProblem !== null}
              aria-describedby="credit-amount-help"
              autoFocus
            />
            <p id="credit-amount-help" className={amountProblem ? 'field-error' : 'hint'}>
              {amountProblem ??
                (parsed?.ok ? `= ${formatCredits(parsed.micro, { fixed: true })} credits` : 'Up to 6 decimals.')}
            </p>
          </>
        )}
        <label htmlFor="credit-memo">Memo{memoRequired ? ' (required)' : ' (optional)'}</label>
        <input id="credit-memo" maxLength={500} value={memo} onChange={(e) => setMemo(e.target.value)} />
        <FormActions onCancel={onClose} submitLabel="Review" disabled={!ready} />
      </form>
    </Dialog>
  );
}
