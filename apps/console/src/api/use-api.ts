import { useCallback, useEffect, useState } from 'react';
import { apiGet, type Query } from './client';

export interface ApiState<T> {
  /** The latest answer; while a new request runs, the previous one (so a reload does not blank the page). */
  data: T | undefined;
  error: unknown;
  loading: boolean;
  /** Fetches again (after a write, or the "Retry" of an error). */
  reload: () => void;
}

interface Result<T> {
  key: string | null;
  data?: T;
  error?: unknown;
}

/**
 * GETs `path` (null: not yet) and again whenever the path, the query or `revision` (bumped by the
 * caller after a write) changes; an older answer still in flight is dropped.
 */
export function useApi<T>(path: string | null, query?: Query, revision = 0): ApiState<T> {
  const [generation, setGeneration] = useState(0);
  const [result, setResult] = useState<Result<T>>({ key: null });
  const queryKey = JSON.stringify(query ?? {});
  const requestKey = path === null ? null : `${path} ${queryKey} ${generation} ${revision}`;

  useEffect(() => {
    if (path === null) return;
    const abort = new AbortController();
    apiGet<T>(path, JSON.parse(queryKey) as Query, abort.signal).then(
      (data) => setResult({ key: requestKey, data }),
      (error: unknown) => {
        if (!abort.signal.aborted) setResult((previous) => ({ key: requestKey, data: previous.data, error }));
      },
    );
    return () => abort.abort();
  }, [path, queryKey, requestKey]);

  const reload = useCallback(() => setGeneration((n) => n + 1), []);
  const current = result.key === requestKey;
  return { data: result.data, error: current ? result.error : undefined, loading: !current, reload };
}
