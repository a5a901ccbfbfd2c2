/**
 * Whether this process exports traces. Read on the hot path before any OpenTelemetry call, so
 * that with tracing off a request does no tracing work at all (not even the API's no-op calls).
 */
let exporting = false;

export function isTracing(): boolean {
  return exporting;
}

/** Only startTracing and its shutdown flip it. */
export function setTracing(on: boolean): void {
  exporting = on;
}
