export interface WaitForOptions {
  /** How long to keep checking before failing. */
  timeoutMs: number;
  /** The pause between checks. */
  intervalMs?: number;
  /** What is awaited, for the timeout message ("the usage record"). */
  describe: string;
}

/**
 * Resolves with the first truthy value `check` returns, checking every `intervalMs`; fails with
 * `Timed out after <ms> ms waiting for <describe>` once `timeoutMs` has passed. The one polling
 * loop specs use instead of sleeping and hoping.
 */
export async function waitFor<T>(
  check: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  { timeoutMs, intervalMs = 50, describe }: WaitForOptions,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${describe}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
