import type { Server } from 'node:http';
import { Logger } from '@nestjs/common';
import { ConfigError } from '@switchyard/config';
import { listeningUrlOf } from '@switchyard/http-input';
import { createGatewayApp } from './bootstrap';
import { installGracefulShutdown } from './http/graceful-shutdown';
import { LifecycleState } from '@switchyard/observability';

const TRACES_FLUSH_MS = 2_000;

async function main(): Promise<void> {
  const { app, config, inFlight, flushLogs, tracing } = await createGatewayApp(process.env);
  installGracefulShutdown(app, app.get(LifecycleState), inFlight, {
    timeoutMs: config.shutdown.timeoutMs,
    logger: new Logger('Gateway'),
    // The spans still buffered go out first (bounded: a dead collector does not hold the exit).
    exit: (code) => void tracing.shutdown(TRACES_FLUSH_MS).then(() => flushLogs(() => process.exit(code))),
  });
  await app.listen(config.http.port, config.http.host);
  new Logger('Gateway').log(`Listening on ${listeningUrlOf((app.getHttpServer() as Server).address())}`);
}

main().catch((err: unknown) => {
  // A bad configuration is the operator's to fix: say what is wrong, without a stack trace.
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
