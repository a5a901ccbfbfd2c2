// The LLM-shaped streaming scenario: `count` streams (model bench-llm: 300 chunks 20 ms apart at
// the fake upstream, 6 s each) starting evenly over one stream's length, so `count` are open at
// once in the middle of the run. Per event the client records the gap since the stream's previous
// event; the report compares the gaps' percentiles with the direct call's (the fake's own timer
// drift), so what is left is the delay the hop adds between chunks.
import { Agent, request } from 'node:http';
import { summarize } from './load.mjs';
import { eventEnds } from './sse-count.mjs';

export const LLM_STREAM_BODY = JSON.stringify({
  model: 'bench-llm',
  messages: [{ role: 'user', content: 'Write the benchmark a long story.' }],
  max_tokens: 512,
  stream: true,
});

function oneStream(agent, target, payload, headers, gaps) {
  return new Promise((done) => {
    const started = performance.now();
    let ttft = null;
    let last = 0;
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
          const now = performance.now();
          if (ttft === null && text.includes('"content"')) ttft = now - started;
          const joined = tail + text;
          const events = eventEnds(tail, text);
          if (events > 0 && last > 0) {
            gaps.push(now - last);
            for (let i = 1; i < events; i++) gaps.push(0);
          }
          if (events > 0) last = now;
          if (joined.includes('"error"')) failed = true;
          tail = joined.slice(-16);
        });
        res.on('end', () => done({ ttft, ok: !failed && tail.includes('[DONE]') }));
        res.on('error', () => done({ ttft, ok: false }));
      },
    );
    req.on('error', () => done({ ttft, ok: false }));
    req.end(payload);
  });
}

/** Starts `count` streams evenly over `spreadSec` and waits for all; returns gaps, TTFT and errors. */
export async function runLlmStreams({ url, headers = {}, count, spreadSec = 6 }) {
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  const payload = Buffer.from(LLM_STREAM_BODY);
  const target = new URL(url);
  const gaps = [];
  const ttfts = [];
  let errors = 0;
  const started = performance.now();
  const runs = [];
  for (let i = 0; i < count; i++) {
    const due = started + (i * spreadSec * 1000) / count;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    runs.push(
      oneStream(agent, target, payload, headers, gaps).then((r) => {
        if (r.ttft !== null) ttfts.push(r.ttft);
        if (!r.ok) errors++;
      }),
    );
  }
  await Promise.all(runs);
  agent.destroy();
  const gap = summarize(gaps);
  const ttft = summarize(ttfts);
  return {
    count,
    errors,
    events: gaps.length + count,
    gapP50: gap.p50,
    gapP99: gap.p99,
    ttftP50: ttft.p50,
    ttftP99: ttft.p99,
    elapsedSec: (performance.now() - started) / 1000,
  };
}
