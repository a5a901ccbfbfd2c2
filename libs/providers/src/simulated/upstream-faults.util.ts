import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Misbehaviour a simulated upstream can be told to show, for tests and benchmarks. Set on the
 * server's options object (read on every request, so a test may change it between requests;
 * the gateway forwards no client headers) or per request with `x-simulate-*` headers.
 */
export interface UpstreamFaults {
  /** Delay before the response headers (time to first byte). */
  latencyMs?: number;
  /** Answer with this HTTP error status (429 carries `retry-after: 1`). */
  status?: number;
  /** With `status`: only this many more requests fail; counts down, then requests succeed. */
  failNext?: number;
  /** Streams: close the connection after this many events, without the end marker. */
  truncateAfterChunks?: number;
  /** Streams: go silent after this many events, keeping the connection open. */
  stallAfterChunks?: number;
  /** Streams: send the provider's in-stream error event after this many events, then end. */
  errorAfterChunks?: number;
}

const HEADERS: Record<keyof Omit<UpstreamFaults, 'failNext'>, string> = {
  latencyMs: 'x-simulate-latency-ms',
  status: 'x-simulate-status',
  truncateAfterChunks: 'x-simulate-truncate-after',
  stallAfterChunks: 'x-simulate-stall-after',
  errorAfterChunks: 'x-simulate-error-after',
};
const MAX_LATENCY_MS = 60_000;

function headerNumber(req: IncomingMessage, name: string): number | undefined {
  const raw = req.headers[name];
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return raw === undefined || !Number.isFinite(value) ? undefined : value;
}

/** The faults for one request: headers win over the server's settings; `failNext` is consumed. */
export function faultsFor(req: IncomingMessage, settings: UpstreamFaults | undefined): UpstreamFaults {
  const faults: UpstreamFaults = { ...settings };
  if (settings?.status !== undefined && settings.failNext !== undefined) {
    if (settings.failNext <= 0) delete faults.status;
    else settings.failNext -= 1;
  }
  for (const [field, header] of Object.entries(HEADERS) as Array<[keyof typeof HEADERS, string]>) {
    const value = headerNumber(req, header);
    if (value !== undefined) faults[field] = value;
  }
  if (faults.latencyMs !== undefined) faults.latencyMs = Math.min(MAX_LATENCY_MS, Math.max(0, faults.latencyMs));
  if (faults.status !== undefined && (faults.status < 400 || faults.status > 599)) delete faults.status;
  return faults;
}

/** Whether the reader went away (a response whose socket closed under it). */
export function readerGone(res: ServerResponse): boolean {
  return res.destroyed || res.socket?.destroyed === true;
}

/** Waits until the socket can take more, or the client is gone. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done).on('close', done);
  });
}

export interface SseScript {
  /** Serialized SSE events, in order (each ending with a blank line). */
  events: string[];
  /** Closes a complete stream (`data: [DONE]\n\n` for OpenAI, '' for Anthropic). */
  end: string;
  /** The provider's in-stream error event. */
  errorEvent: string;
  chunkDelayMs: number;
}

/**
 * Writes a stream the way a real upstream does, respecting backpressure (a slow reader slows the
 * writer down) and stopping as soon as the reader goes away; applies the stream faults.
 */
export async function writeSse(res: ServerResponse, script: SseScript, faults: UpstreamFaults): Promise<void> {
  for (const [i, event] of script.events.entries()) {
    if (i > 0 && script.chunkDelayMs > 0) await sleep(script.chunkDelayMs);
    if (readerGone(res)) return;
    // end(), not destroy(): what was written still reaches the reader before the connection drops.
    if (i === faults.truncateAfterChunks) return void res.socket?.end();
    if (i === faults.stallAfterChunks) return;
    if (i === faults.errorAfterChunks) return void res.end(script.errorEvent);
    if (!res.write(event)) await drained(res);
  }
  if (!readerGone(res)) res.end(script.end);
}
