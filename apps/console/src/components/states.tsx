import type { ReactNode } from 'react';
import { ApiError } from '../api/api-error';
import type { ApiState } from '../api/use-api';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <p className="state" role="status" aria-live="polite">
      {label}
    </p>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

/** An API error as the operator should see it: the message, the status and the request id to quote. */
export function ErrorNotice({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const apiError = error instanceof ApiError ? error : null;
  const message = apiError?.message ?? (error instanceof Error ? error.message : String(error));
  return (
    <div className="error" role="alert">
      <p>
        <strong>{apiError ? `Error ${apiError.status}` : 'Error'}:</strong> {message}
      </p>
      {apiError?.requestId && (
        <p className="request-id">
          Request id: <code>{apiError.requestId}</code>
        </p>
      )}
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

/** Loading, then the error or the content; `isEmpty` answers the empty state instead. */
export function AsyncView<T>({
  state,
  children,
  isEmpty,
  empty,
  loadingLabel,
}: {
  state: ApiState<T>;
  children: (data: T) => ReactNode;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  loadingLabel?: string;
}) {
  if (state.error !== undefined) return <ErrorNotice error={state.error} onRetry={state.reload} />;
  if (state.data === undefined) return <Loading label={loadingLabel} />;
  if (isEmpty?.(state.data)) return <Empty>{empty ?? 'Nothing here yet.'}</Empty>;
  return <>{children(state.data)}</>;
}
