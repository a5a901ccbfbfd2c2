// Many open SSE streams at once: each of `concurrency` workers keeps one stream open, starting the
// next when one ends, until the deadline. Measures time to first token (first content event),
// events relayed per second and failed streams (non-200, an error event, or no [DONE]).
import { Agent, request } from 'node:http';
import { summarize } from './load.mjs';
import { eventEnds } from './sse-count.mjs';

function oneStream(agent, target, payload, headers) {
  return new Promise((done) => {
    const started = performance.now();
    let ttft = null;
    let events = 0;
    let tail = '';
    let failed = false;
    const req = request(
      target,
      {
        method: 'POST',
        agent,
        headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length },
      },
      (res) => {
        if (res.statusCode !== 200) failed = true;
        res.setEncoding('utf8');
        res.on('data', (text) => {
          if (ttft === null && text.includes('"content"')) ttft = performance.now() - started;
          const joined = tail + text;
          events += eventEnds(tail, text);
          if (joined.includes('"error"')) failed = true;
          tail = joined.slice(-16);
        });
        res.on('end', () => done({ ttft, events, ok: !failed && tail.includes('[DONE]') }));
        res.on('error', () => done({ ttft, events, ok: false }));
      },
    );
    req.on('error', () => done({ ttft, events, ok: false }));
    req.end(payload);
  });
}

export async function runStreams({ url, body, headers = {}, concurrency, durationSec }) {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const payload = Buffer.from(body);
  const target = new URL(url);
  const ttfts = [];
  let events = 0;
  let completed = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + durationSec * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const result = await oneStream(agent, target, payload, headers);
      events += result.events;
      if (result.ttft !== null) ttfts.push(result.ttft);
      if (result.ok) completed++;
      else errors++;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsedSec = (performance.now() - started) / 1000;
  agent.destroy();
  const ttft = summarize(ttfts);
  return {
    concurrency,
    streams: completed,
    errors,
    events,
    elapsedSec,
    eventsPerSec: events / elapsedSec,
    ttftP50: ttft.p50,
    ttftP90: ttft.p90,
    ttftP99: ttft.p99,
  };
}
