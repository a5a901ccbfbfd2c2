import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { defaultResource, resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

/**
 * The official SDK, set up as the process's global tracer provider: spans batched and exported
 * over OTLP/HTTP (protobuf) to `tracesUrl`, context carried by AsyncLocalStorage, and W3C
 * `traceparent` as the only propagator (incoming honoured, outgoing injected). Loaded only when
 * tracing is on (start-tracing.ts imports this file on demand). Returns the flush-and-stop.
 */
export function registerOtelSdk(tracesUrl: string, serviceName: string): () => Promise<void> {
  const provider = new NodeTracerProvider({
    resource: defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName })),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl }))],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  return () => provider.shutdown();
}
