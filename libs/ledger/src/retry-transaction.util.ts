/** Serialization failure and deadlock: the transaction did nothing and can simply run again. */
const RETRIABLE_SQLSTATES = new Set(['40001', '40P01']);
/** Prisma's own code for "write conflict or deadlock, please retry". */
const PRISMA_RETRY_CODE = 'P2034';

function codesOf(err: unknown, depth = 0): string[] {
  if (typeof err !== 'object' || err === null || depth > 4) return [];
  const e = err as {
    code?: unknown;
    originalCode?: unknown;
    meta?: unknown;
    driverAdapterError?: unknown;
    cause?: unknown;
  };
  const own = [e.code, e.originalCode].filter((c): c is string => typeof c === 'string');
  const nested = [e.meta, e.driverAdapterError, e.cause].flatMap((inner) => codesOf(inner, depth + 1));
  return [...own, ...nested];
}

/**
 * Finds a SQLSTATE or Prisma code anywhere in the error chain: Prisma puts a raw query's
 * SQLSTATE at `meta.driverAdapterError.cause.originalCode`.
 */
export function hasErrorCode(err: unknown, codes: ReadonlySet<string>): boolean {
  return codesOf(err).some((code) => codes.has(code));
}

export function isRetriableTransactionError(err: unknown): boolean {
  return hasErrorCode(err, RETRIABLE_SQLSTATES) || hasErrorCode(err, new Set([PRISMA_RETRY_CODE]));
}

/**
 * Runs a whole transaction again when Postgres aborted it for a deadlock or serialization
 * failure, with a short randomized pause so the contenders do not collide again.
 */
export async function retryTransaction<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= attempts || !isRetriableTransactionError(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
