import 'reflect-metadata';
import { ConfigError } from '@switchyard/config';
import { createSimulatedServer } from '@switchyard/providers';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { loadSimulatorConfig, type SimulatorConfig } from './config/simulator-config';

/** Open connections get this long to finish on shutdown before they are cut. */
const SHUTDOWN_GRACE_MS = 5_000;

function main(): void {
  let config: SimulatorConfig;
  try {
    config = loadSimulatorConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }

  // Same JSON lines as the other apps (pino); the simulator handles no secrets.
  const logger = pino({ base: { app: 'simulator' } });
  const server = createSimulatedServer({
    latencyMs: config.timing.latencyMs,
    chunkDelayMs: config.timing.chunkDelayMs,
  });
  server.listen(config.http.port, config.http.host, () => {
    const { address, port } = server.address() as AddressInfo;
    const host = address.includes(':') ? `[${address}]` : address;
    logger.info(`simulator listening on http://${host}:${port}/v1`);
  });

  const shutdown = (): void => {
    logger.info('shutting down: finishing open responses');
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS).unref();
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main();
