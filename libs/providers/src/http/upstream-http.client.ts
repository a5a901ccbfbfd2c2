import type { ProviderConfig } from '@switchyard/contracts';
import { injectTraceContext } from '@switchyard/tracing';
import { type Dispatcher, Pool } from 'undici';
import { UpstreamError } from '../upstream.error';
import { errorFromStatus, errorFromTransport } from './upstream-failure.util';

/** Enough of an error body to log; the rest is discarded unread. */
const MAX_ERROR_BODY_BYTES = 64 * 1024;
const KEEP_ALIVE_MS = 30_000;
const DRAIN_AFTER_END_MS = 5_000;

type ResponseBody = Dispatcher.ResponseData['body'];

/** A response body read piece by piece; `release` hands the socket back or cuts it off. */
export interface UpstreamBody {
  pieces: AsyncIterable<Buffer>;
  /** `complete`: the protocol's end was seen, drain the rest and keep the socket; else destroy it. */
  release(complete: boolean): void;
}

async function readCapped(body: ResponseBody, limit: number): Promise<string> {
  const pieces: Buffer[] = [];
  let size = 0;
  for await (const piece of body as AsyncIterable<Buffer>) {
    pieces.push(piece);
    size += piece.length;
    if (size >= limit) break;
  }
  return Buffer.concat(pieces).toString('utf8');
}

/** Reads what follows the end event so the socket returns to the pool; a chatty upstream is cut off. */
async function drainInBackground(reader: AsyncIterator<Buffer>, body: ResponseBody): Promise<void> {
  const timer = setTimeout(() => body.destroy(), DRAIN_AFTER_END_MS);
  try {
    while (!(await reader.next()).done);
  } catch {
    // The body was cut off: nothing to release.
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The HTTP side every provider shares: one keep-alive undici pool per upstream origin, the
 * catalog's timeouts (connect, first byte = response headers, silence between body bytes, and a
 * total deadline), the caller's AbortSignal down to the socket, and upstream failures mapped to
 * UpstreamError with the upstream's words kept for logs only.
 */
export class UpstreamHttpClient {
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;

  constructor(
    private readonly config: ProviderConfig,
    private readonly secret: string | undefined,
    dispatcher?: Dispatcher,
  ) {
    this.ownsDispatcher = dispatcher === undefined;
    this.dispatcher =
      dispatcher ??
      new Pool(new URL(config.baseUrl).origin, {
        connect: { timeout: config.connectTimeoutMs ?? config.timeoutMs },
        headersTimeout: config.firstByteTimeoutMs ?? config.timeoutMs,
        bodyTimeout: config.timeoutMs,
        keepAliveTimeout: KEEP_ALIVE_MS,
      });
  }

  /** The caller's signal, bounded by the total deadline when the catalog sets one. */
  callSignal(signal: AbortSignal | undefined): AbortSignal | undefined {
    const total = this.config.totalTimeoutMs;
    if (total === undefined) return signal;
    const deadline = AbortSignal.timeout(total);
    return signal ? AbortSignal.any([signal, deadline]) : deadline;
  }

  /** POSTs JSON to `baseUrl + path`; a non-2xx answer is read (capped) and thrown as UpstreamError. */
  async postJson(
    path: string,
    payload: unknown,
    headers: Record<string, string>,
    signal: AbortSignal | undefined,
  ): Promise<Dispatcher.ResponseData> {
    const url = new URL(`${this.config.baseUrl.replace(/\/+$/, '')}${path}`);
    const sent: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'switchyard', ...headers };
    // The current span (the gateway's upstream attempt) as `traceparent`: the upstream's trace continues ours.
    injectTraceContext(sent);
    let response: Dispatcher.ResponseData;
    try {
      response = await this.dispatcher.request({
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers: sent,
        body: JSON.stringify(payload),
        signal,
        headersTimeout: this.config.firstByteTimeoutMs ?? this.config.timeoutMs,
        bodyTimeout: this.config.timeoutMs,
      });
    } catch (err) {
      throw errorFromTransport(err, this.config.name, signal);
    }
    if (response.statusCode < 200 || response.statusCode >= 300) {
      const text = await readCapped(response.body, MAX_ERROR_BODY_BYTES).catch(() => '');
      if (!response.body.destroyed) response.body.destroy();
      throw errorFromStatus(response.statusCode, response.headers, text, this.config.name, this.secret);
    }
    return response;
  }

  /** The whole body as JSON that `isValid` accepts, else a retriable "malformed response". */
  async readJson<T>(
    response: Dispatcher.ResponseData,
    signal: AbortSignal | undefined,
    isValid: (value: unknown) => value is T,
  ): Promise<T> {
    let text: string;
    try {
      text = await response.body.text();
    } catch (err) {
      throw errorFromTransport(err, this.config.name, signal);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (err) {
      throw this.malformed(text, err);
    }
    if (!isValid(parsed)) throw this.malformed(text);
    return parsed;
  }

  /**
   * A view of the body for stream parsers. Reading through it (rather than for-await over the
   * body itself) keeps the body alive when the parser stops at the protocol's end event.
   */
  streamBody(response: Dispatcher.ResponseData): UpstreamBody {
    const reader = response.body[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    return {
      pieces: { [Symbol.asyncIterator]: () => ({ next: () => reader.next() }) },
      release: (complete) => {
        if (complete) void drainInBackground(reader, response.body);
        else if (!response.body.destroyed) response.body.destroy();
      },
    };
  }

  /**
   * Runs a stream parser over the body. Stopping early (client gone, caller broke out, failure)
   * destroys the socket so the upstream stops generating; a complete stream keeps it pooled.
   */
  async *parseStream<T>(
    response: Dispatcher.ResponseData,
    signal: AbortSignal | undefined,
    parse: (pieces: AsyncIterable<Buffer>) => AsyncGenerator<T>,
  ): AsyncGenerator<T> {
    const body = this.streamBody(response);
    let finished = false;
    try {
      yield* parse(body.pieces);
      finished = true;
    } catch (err) {
      throw errorFromTransport(err, this.config.name, signal);
    } finally {
      body.release(finished);
    }
  }

  async close(): Promise<void> {
    if (this.ownsDispatcher) await this.dispatcher.destroy();
  }

  private malformed(text: string, cause?: unknown): UpstreamError {
    return new UpstreamError('upstream_error', 'The upstream provider sent a malformed response.', {
      provider: this.config.name,
      retriable: true,
      detail: text.slice(0, 500),
      cause,
    });
  }
}
