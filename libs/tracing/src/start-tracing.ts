import type { TracingConfig } from '@switchyard/config';
import { setTracing } from './tracing-state';

/** What a service holds on to after startTracing: whether spans are exported, and the final flush. */
export interface Tracing {
  readonly enabled: boolean;
  /** Exports the spans still buffered (at most `timeoutMs`), then stops. Call once, on shutdown. */
  shutdown(timeoutMs: number): Promise<void>;
}

const OFF: Tracing = Object.freeze({ enabled: false, shutdown: () => Promise.resolve() });

/**
 * Sets up tracing once per process, before the app serves anything. With no traces URL the SDK
 * is never loaded (the import below is on demand) and every tracing helper returns at once.
 */
export async function startTracing(config: TracingConfig): Promise<Tracing> {
  if (config.tracesUrl === null) return OFF;
  const { registerOtelSdk } = await import('./otel-sdk');
  const stop = registerOtelSdk(config.tracesUrl, config.serviceName);
  setTracing(true);
  return {
    enabled: true,
    async shutdown(timeoutMs) {
      setTracing(false);
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((done) => (timer = setTimeout(done, timeoutMs)));
      // A collector that is down must not hold the process past its shutdown budget.
      await Promise.race([stop().catch(() => undefined), deadline]);
      clearTimeout(timer);
    },
  };
}
