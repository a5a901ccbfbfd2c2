import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeOtlpTraces, type ReceivedSpan } from './otlp-trace-decoder';

/**
 * A local OTLP/HTTP trace collector for specs: takes `POST /v1/traces` in protobuf (what the
 * services' exporter sends), answers as a collector does (200, empty ExportTraceServiceResponse),
 * and keeps every span it decoded. Point a service at it with OTEL_EXPORTER_OTLP_ENDPOINT=`url`.
 */
export class OtlpTraceReceiver {
  private readonly received: ReceivedSpan[] = [];
  private readonly waiters = new Set<() => void>();

  private constructor(private readonly server: Server) {}

  static async start(): Promise<OtlpTraceReceiver> {
    const server = createServer();
    const receiver = new OtlpTraceReceiver(server);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void receiver.handle(req, res));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    return receiver;
  }

  /** The base URL, as OTEL_EXPORTER_OTLP_ENDPOINT takes it. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  spans(): readonly ReceivedSpan[] {
    return this.received;
  }

  /** Resolves with the spans once `done(spans)` holds, or rejects after `timeoutMs` saying what arrived. */
  async waitFor(done: (spans: readonly ReceivedSpan[]) => boolean, timeoutMs = 15_000): Promise<ReceivedSpan[]> {
    const deadline = Date.now() + timeoutMs;
    while (!done(this.received)) {
      const left = deadline - Date.now();
      if (left <= 0) {
        const names = this.received.map((s) => s.name).join(', ');
        throw new Error(`OTLP receiver: condition not met within ${timeoutMs} ms; got spans [${names}]`);
      }
      await new Promise<void>((wake) => {
        const timer = setTimeout(wake, Math.min(left, 200));
        this.waiters.add(() => (clearTimeout(timer), wake()));
      });
    }
    return [...this.received];
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    this.server.close();
    await once(this.server, 'close');
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const pieces: Buffer[] = [];
    for await (const piece of req) pieces.push(piece as Buffer);
    if (req.method !== 'POST' || req.url !== '/v1/traces') return void res.writeHead(404).end();
    if (req.headers['content-type'] !== 'application/x-protobuf') return void res.writeHead(415).end();
    try {
      this.received.push(...decodeOtlpTraces(Buffer.concat(pieces)));
    } catch {
      return void res.writeHead(400).end();
    }
    res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    const waiting = [...this.waiters];
    this.waiters.clear();
    for (const wake of waiting) wake();
  }
}
