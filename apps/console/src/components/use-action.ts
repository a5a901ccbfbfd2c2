import { useCallback, useRef, useState } from 'react';

/**
 * Runs a write once at a time: a second click while the first is in flight does nothing (the
 * ref, not the state, so even two clicks in the same frame post once). Keeps the error to show.
 */
export function useAction<A extends unknown[], R>(action: (...args: A) => Promise<R>) {
  const inFlight = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const run = useCallback(
    async (...args: A): Promise<R | undefined> => {
      if (inFlight.current) return undefined;
      inFlight.current = true;
      setBusy(true);
      setError(undefined);
      try {
        return await action(...args);
      } catch (err) {
        setError(err);
        return undefined;
      } finally {
        inFlight.current = false;
        setBusy(false);
      }
    },
    [action],
  );
  return { run, busy, error, clearError: () => setError(undefined) };
}
