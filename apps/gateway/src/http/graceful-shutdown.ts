import type { Server } from 'node:http';
import type { INestApplication, LoggerService } from '@nestjs/common';
import type { InFlightTracker } from './in-flight.tracker';
import type { LifecycleState } from '@switchyard/observability';

export interface ShutdownOptions {
  timeoutMs: number;
  logger: LoggerService;
  /** Called with the exit code once everything is closed (main passes process.exit). */
  exit(code: number): void;
}

/**
 * SIGTERM/SIGINT: readiness turns 503, the listener closes (no new connections), idle keep-alive
 * connections are dropped, open requests and streams get `timeoutMs` to finish (each bills its
 * usage before it ends), then Nest closes: the usage producer, upstream pools, Redis, Postgres.
 */
export function installGracefulShutdown(
  app: INestApplication,
  state: LifecycleState,
  inFlight: InFlightTracker,
  options: ShutdownOptions,
): void {
  let started = false;
  const shutdown = async (signal: string) => {
    if (started) return;
    started = true;
    const startedAt = Date.now();
    state.startDraining();
    const server = app.getHttpServer() as Server;
    options.logger.log(
      `${signal}: draining ${inFlight.count} open request(s), up to ${options.timeoutMs} ms`,
      'Shutdown',
    );
    server.close();
    server.closeIdleConnections();
    // Keep-alive connections that finish a request become idle later: close them as they do.
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    const drained = await inFlight.waitForIdle(options.timeoutMs);
    clearInterval(sweep);
    if (!drained) {
      options.logger.warn(
        `${inFlight.count} request(s) still open after ${options.timeoutMs} ms: cutting them`,
        'Shutdown',
      );
      server.closeAllConnections();
      // Cut streams still bill what they delivered: give their usage events a moment to leave.
      await inFlight.waitForIdle(1_000);
      await new Promise((r) => setTimeout(r, 250));
    }
    let code = 0;
    try {
      await app.close();
    } catch (err) {
      options.logger.error(`Shutdown failed: ${String(err)}`, undefined, 'Shutdown');
      code = 1;
    }
    options.logger.log(`Stopped in ${Date.now() - startedAt} ms (${drained ? 'drained' : 'cut'})`, 'Shutdown');
    options.exit(code);
  };
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  process.once('SIGINT', () => void shutdown('SIGINT'));
}
