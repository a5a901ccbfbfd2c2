import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { faultsFor, readerGone, type UpstreamFaults, writeSse } from './upstream-faults.util';
import { simulateCompletion } from './simulate-completion.util';
import { parseEmbeddingsRequest, simulateEmbeddings } from './simulate-embeddings.util';
import { parseChatRequest, wireError } from './simulated-request.util';
import { nowSeconds, toChunks, toCompletion, toUsageChunk } from './simulated-wire.util';

export interface SimulatedServerOptions {
  /** Delay before the response headers (time to first byte). */
  latencyMs?: number;
  /** Delay between streamed chunks. */
  chunkDelayMs?: number;
  /** Words per streamed content chunk. */
  chunkTokens?: number;
  /** What GET /v1/models lists; any model name is accepted on completions. */
  models?: readonly string[];
  maxBodyBytes?: number;
  /** Misbehaviour on demand; read on every request, so it may be changed while serving. */
  faults?: UpstreamFaults;
}

type Settings = Required<Omit<SimulatedServerOptions, 'faults'>> & { faults?: UpstreamFaults };

const DEFAULT_MODELS = ['sim-core', 'sim-pro', 'sim-ultra'];

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

async function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  const pieces: Buffer[] = [];
  let size = 0;
  for await (const piece of req as AsyncIterable<Buffer>) {
    size += piece.length;
    if (size > limit) return undefined;
    pieces.push(piece);
  }
  return Buffer.concat(pieces).toString('utf8');
}

/** The latency and status faults, shared by every route; true when the request got its answer (or its reader left). */
async function answeredByFaults(res: ServerResponse, faults: UpstreamFaults, options: Settings): Promise<boolean> {
  const latency = faults.latencyMs ?? options.latencyMs;
  if (latency > 0) await sleep(latency);
  if (readerGone(res)) return true;
  const forcedStatus = faults.status;
  if (forcedStatus === undefined) return false;
  const headers: Record<string, string> = forcedStatus === 429 ? { 'retry-after': '1' } : {};
  const type =
    forcedStatus === 429 ? 'rate_limit_exceeded' : forcedStatus >= 500 ? 'server_error' : 'invalid_request_error';
  sendJson(res, forcedStatus, wireError(`Simulated failure (HTTP ${forcedStatus}).`, null, type), headers);
  return true;
}

async function handleEmbeddings(req: IncomingMessage, res: ServerResponse, options: Settings): Promise<void> {
  const raw = await readBody(req, options.maxBodyBytes);
  if (raw === undefined)
    return sendJson(res, 413, wireError('The request body is too large.'), { connection: 'close' });
  const parsed = parseEmbeddingsRequest(raw);
  if ('error' in parsed) return sendJson(res, 400, parsed.error);
  if (await answeredByFaults(res, faultsFor(req, options.faults), options)) return;
  sendJson(res, 200, simulateEmbeddings(parsed.body));
}

async function handleCompletion(req: IncomingMessage, res: ServerResponse, options: Settings): Promise<void> {
  const raw = await readBody(req, options.maxBodyBytes);
  if (raw === undefined)
    return sendJson(res, 413, wireError('The request body is too large.'), { connection: 'close' });
  const parsed = parseChatRequest(raw);
  if ('error' in parsed) return sendJson(res, 400, parsed.error);
  const { body } = parsed;

  const faults = faultsFor(req, options.faults);
  if (await answeredByFaults(res, faults, options)) return;

  const result = simulateCompletion(body);
  const created = nowSeconds();
  if (!body.stream) return sendJson(res, 200, toCompletion(result, created));

  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  const chunks = toChunks(result, options.chunkTokens, created);
  if (body.stream_options?.include_usage) chunks.push(toUsageChunk(result, created));
  const errorEvent = `data: ${JSON.stringify(wireError('Simulated failure mid-stream.', null, 'server_error'))}\n\n`;
  const events = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`);
  await writeSse(res, { events, end: 'data: [DONE]\n\n', errorEvent, chunkDelayMs: options.chunkDelayMs }, faults);
}

/**
 * The simulated provider as an HTTP server speaking OpenAI's wire format
 * (`/v1/chat/completions`, `/v1/embeddings`, `/v1/models`). Plain node:http: it sits under load benchmarks
 * and should cost as little as possible.
 */
export function createSimulatedServer(options: SimulatedServerOptions = {}): Server {
  const settings: Settings = {
    latencyMs: options.latencyMs ?? 0,
    chunkDelayMs: options.chunkDelayMs ?? 0,
    chunkTokens: options.chunkTokens ?? 4,
    models: options.models ?? DEFAULT_MODELS,
    maxBodyBytes: options.maxBodyBytes ?? 20 * 1024 * 1024,
    // The caller's object, not a copy: tests switch faults on and off while the server runs.
    faults: options.faults,
  };
  const modelList = {
    object: 'list',
    data: settings.models.map((id) => ({ id, object: 'model', created: 0, owned_by: 'switchyard-simulator' })),
  };

  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
    const route = `${req.method} ${path}`;
    let handled: Promise<void> | undefined;
    if (route === 'POST /v1/chat/completions') handled = handleCompletion(req, res, settings);
    else if (route === 'POST /v1/embeddings') handled = handleEmbeddings(req, res, settings);
    else if (route === 'GET /v1/models') sendJson(res, 200, modelList);
    else if (route === 'GET /health') sendJson(res, 200, { status: 'ok' });
    else
      sendJson(
        res,
        404,
        wireError(`Unknown request URL: ${req.method} ${path}.`, null, 'invalid_request_error', 'unknown_url'),
      );
    handled?.catch(() => {
      if (!res.headersSent) sendJson(res, 500, wireError('The simulator failed.', null, 'server_error'));
      else res.destroy();
    });
  });
}
