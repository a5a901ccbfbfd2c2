import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { ConfigError } from '@switchyard/config';
import { listeningUrlOf } from '@switchyard/http-input';
import { createBillingApp } from './bootstrap';
import { LifecycleState } from '@switchyard/observability';

/**
 * SIGTERM/SIGINT: readiness turns 503, then Nest closes: the usage worker stops taking jobs and
 * finishes the ones it holds (their batches commit), the HTTP server closes, then Redis and
 * Postgres. SHUTDOWN_TIMEOUT_MS bounds it all: past it the process exits 1 and BullMQ redelivers
 * the unfinished jobs (debits are exactly-once, so that is safe).
 */
async function main(): Promise<void> {
  const { app, config, tracing } = await createBillingApp(process.env);
  const { timeoutMs } = config.shutdown;
  const logger = new Logger('Billing');
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const startedAt = Date.now();
    app.get(LifecycleState).startDraining();
    logger.log(`${signal}: draining the usage worker, up to ${timeoutMs} ms`);
    setTimeout(() => {
      logger.error(`Shutdown took longer than ${timeoutMs} ms: exiting`);
      process.exit(1);
    }, timeoutMs).unref();
    // The batches' spans still buffered are exported once the worker drained (bounded).
    app.close().then(
      async () => {
        await tracing.shutdown(2_000);
        logger.log(`Stopped in ${Date.now() - startedAt} ms`);
        process.exit(0);
      },
      (err: unknown) => {
        logger.error(`Shutdown failed: ${String(err)}`);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
  await app.listen(config.http.port, config.http.host);
  logger.log(`Listening on ${listeningUrlOf((app.getHttpServer() as Server).address())}`);
}

main().catch((err: unknown) => {
  // A bad configuration is the operator's to fix: say what is wrong, without a stack trace.
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
