import { isSerializationFailure } from '@switchyard/db';

/**
 * Runs a whole transaction again when Postgres aborted it for a deadlock or serialization
 * failure, with a short randomized pause so the contenders do not collide again.
 */
export async function retryTransaction<T>(run: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (err) {
      if (attempt >= attempts || !isSerializationFailure(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
    }
  }
}
