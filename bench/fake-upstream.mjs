#!/usr/bin/env node
// A fast OpenAI-compatible upstream for benchmarks: node:http, canned answers, near-zero work, so
// the numbers measure the gateway, not the upstream. POST /v1/chat/completions answers a fixed
// chat.completion, or, with `"stream": true`, STREAM_CHUNKS content chunks STREAM_DELAY_MS apart
// (the first at once), a finish chunk, a usage chunk and [DONE]. POST /v1/embeddings answers one
// fixed unit vector per input at the asked `dimensions` (1536 if none), pre-rendered per shape.
// Run: PORT=0 STREAM_CHUNKS=20 STREAM_DELAY_MS=10 node bench/fake-upstream.mjs  (prints "listening <port>")
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const CREATED = Math.floor(Date.now() / 1000);
const USAGE = { prompt_tokens: 12, completion_tokens: 8, total_tokens: 20 };

function completionBody(model) {
  return Buffer.from(
    JSON.stringify({
      id: 'chatcmpl-bench',
      object: 'chat.completion',
      created: CREATED,
      model,
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hello from the bench upstream.' },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: USAGE,
    }),
  );
}

function chunkEvent(model, delta, finishReason = null) {
  const chunk = {
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: CREATED,
    model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  };
  return `data: ${JSON.stringify(chunk)}\n\n`;
}

/** Pre-renders every event, so streaming costs one write per chunk and nothing else. */
function streamEvents(model, chunks) {
  const events = [chunkEvent(model, { role: 'assistant', content: 'tok0 ' })];
  for (let i = 1; i < chunks; i++) events.push(chunkEvent(model, { content: `tok${i} ` }));
  const usage = {
    id: 'chatcmpl-bench',
    object: 'chat.completion.chunk',
    created: CREATED,
    model,
    choices: [],
    usage: { ...USAGE, completion_tokens: chunks, total_tokens: USAGE.prompt_tokens + chunks },
  };
  const tail = `${chunkEvent(model, {}, 'stop')}data: ${JSON.stringify(usage)}\n\ndata: [DONE]\n\n`;
  return { events, tail };
}

/** A float answer for `count` inputs at `dimensions`, rendered once per shape. */
function embeddingsBody(count, dimensions) {
  const value = 1 / Math.sqrt(dimensions);
  const embedding = Array.from({ length: dimensions }, (_, i) => (i % 2 ? -value : value));
  const data = Array.from({ length: count }, (_, index) => ({ object: 'embedding', index, embedding }));
  const usage = { prompt_tokens: count * 8, total_tokens: count * 8 };
  return Buffer.from(JSON.stringify({ object: 'list', data, model: 'bench-embed', usage }));
}

function answerEmbeddings(body, res, cache) {
  const count = Array.isArray(body.input) && typeof body.input[0] !== 'number' ? body.input.length : 1;
  const dimensions = Number.isInteger(body.dimensions) ? body.dimensions : 1536;
  const shape = `${count}x${dimensions}`;
  const payload = cache.get(shape) ?? cache.set(shape, embeddingsBody(count, dimensions)).get(shape);
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': payload.length }).end(payload);
}

/** Models whose name starts with `bench-llm` stream like a real model: LLM_CHUNKS chunks LLM_DELAY_MS apart. */
const LLM_SHAPE = { chunks: Number(process.env.LLM_CHUNKS ?? 300), delayMs: Number(process.env.LLM_DELAY_MS ?? 20) };

export function createFakeUpstream({ chunks = 20, chunkDelayMs = 10 } = {}) {
  const bodies = new Map();
  const streams = new Map();
  const embeddings = new Map();
  const bodyFor = (model) => bodies.get(model) ?? bodies.set(model, completionBody(model)).get(model);
  const shapeOf = (model) => (model.startsWith('bench-llm') ? LLM_SHAPE : { chunks, delayMs: chunkDelayMs });
  const streamFor = (model) =>
    streams.get(model) ??
    streams.set(model, { ...streamEvents(model, shapeOf(model).chunks), ...shapeOf(model) }).get(model);

  const server = createServer((req, res) => {
    const isEmbeddings = req.url.endsWith('/embeddings');
    if (req.method !== 'POST' || !(isEmbeddings || req.url.endsWith('/chat/completions'))) {
      res.writeHead(404, { 'content-type': 'application/json' }).end('{"error":{"message":"not found"}}');
      return;
    }
    const parts = [];
    req.on('data', (d) => parts.push(d));
    req.on('end', () => {
      let body;
      try {
        body = JSON.parse(Buffer.concat(parts).toString('utf8'));
      } catch {
        res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":{"message":"bad json"}}');
        return;
      }
      if (isEmbeddings) return answerEmbeddings(body, res, embeddings);
      const model = typeof body.model === 'string' ? body.model : 'bench';
      if (!body.stream) {
        const payload = bodyFor(model);
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': payload.length }).end(payload);
        return;
      }
      const { events, tail, delayMs } = streamFor(model);
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
      let next = 0;
      let timer;
      const send = () => {
        if (res.destroyed) return;
        res.write(events[next++]);
        if (next < events.length) timer = setTimeout(send, delayMs);
        else res.end(tail);
      };
      res.on('close', () => clearTimeout(timer));
      send();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  return server;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const server = createFakeUpstream({
    chunks: Number(process.env.STREAM_CHUNKS ?? 20),
    chunkDelayMs: Number(process.env.STREAM_DELAY_MS ?? 10),
  });
  server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
  process.on('SIGTERM', () => server.close(() => process.exit(0)).closeAllConnections());
}
