import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'protobufjs';

/** One span as the receiver got it: ids in hex, attributes as plain values. */
export interface ReceivedSpan {
  serviceName: string;
  traceId: string;
  spanId: string;
  /** Null for a root span. */
  parentSpanId: string | null;
  name: string;
  /** OTLP SpanKind: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  attributes: Record<string, AttributeValue>;
  events: Array<{ name: string; attributes: Record<string, AttributeValue> }>;
  links: Array<{ traceId: string; spanId: string }>;
  /** OTLP StatusCode: 0 unset, 1 ok, 2 error. */
  status: { code: number; message: string };
}

export type AttributeValue = string | number | boolean | AttributeValue[] | null;

interface WireValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: string;
  doubleValue?: number;
  arrayValue?: { values?: WireValue[] };
}
interface WireKeyValue {
  key: string;
  value?: WireValue;
}
interface WireSpan {
  traceId: Buffer;
  spanId: Buffer;
  parentSpanId?: Buffer;
  name: string;
  kind?: number;
  attributes?: WireKeyValue[];
  events?: Array<{ name: string; attributes?: WireKeyValue[] }>;
  links?: Array<{ traceId: Buffer; spanId: Buffer }>;
  status?: { code?: number; message?: string };
}
interface WireRequest {
  resourceSpans?: Array<{
    resource?: { attributes?: WireKeyValue[] };
    scopeSpans?: Array<{ spans?: WireSpan[] }>;
  }>;
}

const REQUEST = parse(readFileSync(join(__dirname, 'otlp-trace.proto'), 'utf8')).root.lookupType(
  'switchyard.testing.otlp.ExportTraceServiceRequest',
);

function valueOf(value: WireValue | undefined): AttributeValue {
  if (value === undefined) return null;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(valueOf);
  return null;
}

function attributesOf(list: WireKeyValue[] | undefined): Record<string, AttributeValue> {
  return Object.fromEntries((list ?? []).map((kv) => [kv.key, valueOf(kv.value)]));
}

const hex = (bytes: Buffer | undefined) => (bytes && bytes.length > 0 ? Buffer.from(bytes).toString('hex') : null);

/** Decodes an OTLP/HTTP protobuf trace export (ExportTraceServiceRequest) into its spans. */
export function decodeOtlpTraces(body: Uint8Array): ReceivedSpan[] {
  const request = REQUEST.toObject(REQUEST.decode(body), { longs: String, oneofs: false }) as WireRequest;
  return (request.resourceSpans ?? []).flatMap((resourceSpans) => {
    const serviceName = String(attributesOf(resourceSpans.resource?.attributes)['service.name'] ?? '');
    return (resourceSpans.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        serviceName,
        traceId: hex(span.traceId) ?? '',
        spanId: hex(span.spanId) ?? '',
        parentSpanId: hex(span.parentSpanId),
        name: span.name,
        kind: span.kind ?? 0,
        attributes: attributesOf(span.attributes),
        events: (span.events ?? []).map((e) => ({ name: e.name, attributes: attributesOf(e.attributes) })),
        links: (span.links ?? []).map((l) => ({ traceId: hex(l.traceId) ?? '', spanId: hex(l.spanId) ?? '' })),
        status: { code: span.status?.code ?? 0, message: span.status?.message ?? '' },
      })),
    );
  });
}
