import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { simulateCompletion } from '../simulated/simulate-completion.util';
import { faultsFor, readerGone, type UpstreamFaults, writeSse } from '../simulated/upstream-faults.util';
import type { AnthropicRequest } from './anthropic-wire.types';
import {
  ANTHROPIC_OVERLOADED_EVENT,
  chatBodyOf,
  toAnthropicEvents,
  toAnthropicMessage,
} from './simulated-anthropic-wire.util';

export interface SimulatedAnthropicOptions {
  /** Delay between streamed events. */
  chunkDelayMs?: number;
  /** Characters of text or tool input per delta event. */
  chunkChars?: number;
  /** Misbehaviour on demand; read on every request, so it may be changed while serving. */
  faults?: UpstreamFaults;
  /** Every request body received, in order, for tests to inspect. */
  received?: AnthropicRequest[];
  /** The anthropic-beta header of each of them (undefined when absent), in the same order. */
  receivedBeta?: Array<string | undefined>;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  429: 'rate_limit_error',
  529: 'overloaded_error',
};

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res
    .writeHead(status, { 'content-type': 'application/json', 'request-id': 'req_sim', ...headers })
    .end(JSON.stringify(body));
}

function errorBody(status: number, message: string): unknown {
  return {
    type: 'error',
    error: { type: ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error'), message },
  };
}

function isRequest(value: unknown): value is AnthropicRequest {
  const v = value as Partial<AnthropicRequest> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.model === 'string' &&
    Number.isInteger(v.max_tokens) &&
    Array.isArray(v.messages) &&
    v.messages.length > 0
  );
}

async function handleMessages(
  req: IncomingMessage,
  res: ServerResponse,
  options: SimulatedAnthropicOptions,
): Promise<void> {
  const pieces: Buffer[] = [];
  for await (const piece of req as AsyncIterable<Buffer>) pieces.push(piece);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.concat(pieces).toString('utf8'));
  } catch {
    return sendJson(res, 400, errorBody(400, 'There was an issue with the format of your request: invalid JSON'));
  }
  if (!req.headers['anthropic-version'])
    return sendJson(res, 400, errorBody(400, 'anthropic-version: header is required'));
  if (!isRequest(parsed))
    return sendJson(res, 400, errorBody(400, 'messages: at least one message is required; max_tokens: Field required'));
  options.received?.push(parsed);
  options.receivedBeta?.push(req.headers['anthropic-beta'] as string | undefined);

  const faults = faultsFor(req, options.faults);
  if (faults.latencyMs) await sleep(faults.latencyMs);
  if (readerGone(res)) return;
  if (faults.status !== undefined) {
    return sendJson(
      res,
      faults.status,
      errorBody(faults.status, `Simulated failure (HTTP ${faults.status}).`),
      faults.status === 429 ? { 'retry-after': '1' } : {},
    );
  }

  const message = toAnthropicMessage(simulateCompletion(chatBodyOf(parsed)));
  if (!parsed.stream) return sendJson(res, 200, message);
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  const events = toAnthropicEvents(message, options.chunkChars ?? 12);
  await writeSse(
    res,
    { events, end: '', errorEvent: ANTHROPIC_OVERLOADED_EVENT, chunkDelayMs: options.chunkDelayMs ?? 0 },
    faults,
  );
}

/**
 * A local stand-in for Anthropic's Messages API (`POST /v1/messages`): deterministic answers
 * from the simulated model (text, tool_use when tools are required, tool-result follow-ups),
 * Anthropic's JSON and its real SSE event sequence (message_start, ping, content_block_start/
 * delta/stop, message_delta, message_stop, error), Anthropic-shaped errors, and fault switches.
 */
export function createSimulatedAnthropicServer(options: SimulatedAnthropicOptions = {}): Server {
  return createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '');
    if (req.method !== 'POST' || path !== '/v1/messages')
      return sendJson(res, 404, errorBody(404, `Not found: ${req.method} ${path}`));
    handleMessages(req, res, options).catch(() => {
      if (!res.headersSent) sendJson(res, 500, errorBody(500, 'Internal server error'));
      else res.destroy();
    });
  });
}
