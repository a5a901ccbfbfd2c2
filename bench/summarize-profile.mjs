#!/usr/bin/env node
// Summarizes a V8 .cpuprofile (node --cpu-prof): self time by hot-path area, the top functions by
// self time, and the app/lib functions by inclusive time. Usage: node bench/summarize-profile.mjs <file>
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** First match wins: [area, test on "url functionName"]. */
const AREAS = [
  ['idle', (u, f) => f === '(idle)'],
  ['garbage collector', (u, f) => f === '(garbage collector)'],
  ['(program): V8/native', (u, f) => f === '(program)' || f === '(root)'],
  ['auth (keys lib, guard)', (u) => /dist\/libs\/keys\/|gateway\/src\/auth\//.test(u)],
  [
    'validation (class-validator/transformer, DTOs)',
    (u) => /class-validator|class-transformer|validator\/|libs\/contracts\/src\/chat/.test(u),
  ],
  ['routing (router lib, chat-plan)', (u) => /dist\/libs\/router\/|chat-plan/.test(u)],
  ['tokenizer', (u) => /gpt-tokenizer|libs\/tokenizer/.test(u)],
  ['holds (credits lib)', (u) => /dist\/libs\/credits\//.test(u)],
  ['usage emit (bullmq, queue lib)', (u) => /node_modules\/bullmq|dist\/libs\/queue\//.test(u)],
  [
    'ioredis (holds + emit transport)',
    (u) => /node_modules\/(ioredis|@ioredis|redis-parser|cluster-key-slot|denque)/.test(u),
  ],
  ['undici (upstream call)', (u) => /node_modules\/undici|node:internal\/deps\/undici/.test(u)],
  [
    'logging (pino, nestjs-pino)',
    (u) => /node_modules\/(pino|pino-http|nestjs-pino|sonic-boom|thread-stream|fast-redact|on-exit-leak-free)/.test(u),
  ],
  ['metrics (prom-client)', (u) => /prom-client|tdigest|bintrees/.test(u)],
  ['Nest (core, platform-express, rxjs)', (u) => /node_modules\/(@nestjs|rxjs|reflect-metadata)/.test(u)],
  [
    'express + middleware',
    (u) =>
      /node_modules\/(express|router|body-parser|raw-body|finalhandler|send|serve-static|on-finished|type-is|content-type|qs|iconv-lite|depd|helmet|cookie|accepts|negotiator|mime|vary|parseurl|etag|fresh|statuses|http-errors|path-to-regexp|ms|debug)\//.test(
        u,
      ),
  ],
  ['gateway app code (other)', (u) => /dist\/apps\/gateway\//.test(u)],
  ['other libs code', (u) => /dist\/libs\//.test(u)],
  ['Prisma / pg', (u) => /@prisma|node_modules\/pg/.test(u)],
  [
    'node http/net core',
    (u) =>
      /node:(_http|http|net|internal\/(http|net|stream_base|streams|js_stream))|node:internal\/(http|stream)/.test(u) ||
      /^node:_http|^node:net/.test(u),
  ],
  ['node core (other)', (u) => u.startsWith('node:')],
  ['other node_modules', (u) => u.includes('node_modules')],
  ['other', () => true],
];

const shortUrl = (url) => url.replace(/^file:\/\//, '').replace(/^.*?\/(node_modules\/|dist\/)/, '$1');

const SPECIAL = new Set(['(idle)', '(garbage collector)', '(program)', '(root)']);

/**
 * Self time per node id, counting only samples inside [fromUs, toUs]: V8 stamps samples with the
 * monotonic clock that process.hrtime also reads, so the bench can pass the load window and
 * leave boot and warm-up out.
 */
function selfTimes(profile, fromUs, toUs) {
  const self = new Map();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const delta = profile.timeDeltas[i] ?? 0;
    at += delta;
    if (at >= fromUs && at <= toUs) self.set(id, (self.get(id) ?? 0) + delta);
  });
  return self;
}

/**
 * Native and node-core frames count for the nearest library or app caller: a socket write done for
 * ioredis is Redis work, one done for pino is logging. Only work with no such caller (the HTTP
 * parser, timers) stays node core.
 */
function effectiveUrls(profile, parent, byId) {
  const urls = new Map();
  const isCore = (url) => url === '' || url.startsWith('node:');
  const callerUrl = (id) => {
    if (urls.has(id)) return urls.get(id);
    const { callFrame } = byId.get(id);
    let url = callFrame.url;
    if (!SPECIAL.has(callFrame.functionName) && isCore(url) && parent.has(id)) {
      const above = callerUrl(parent.get(id));
      if (!isCore(above) || url === '') url = above || url;
    }
    urls.set(id, url);
    return url;
  };
  for (const n of profile.nodes) callerUrl(n.id);
  return urls;
}

export async function summarizeProfile(
  path,
  { title = 'CPU profile', top = 30, fromUs = -Infinity, toUs = Infinity } = {},
) {
  const profile = JSON.parse(await readFile(path, 'utf8'));
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  let self = selfTimes(profile, fromUs, toUs);
  const windowed = self.size > 0 && Number.isFinite(fromUs);
  if (self.size === 0) self = selfTimes(profile, -Infinity, Infinity);
  const effectiveUrl = effectiveUrls(profile, parent, byId);
  const totalUs = [...self.values()].reduce((a, b) => a + b, 0);

  const areas = new Map();
  const functions = new Map();
  const keyOf = (n) =>
    `${n.callFrame.functionName || '(anonymous)'} ${shortUrl(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;
  for (const [id, us] of self) {
    const { callFrame } = byId.get(id);
    const area = AREAS.find(([, test]) => test(effectiveUrl.get(id), callFrame.functionName))[0];
    areas.set(area, (areas.get(area) ?? 0) + us);
    const key = keyOf(byId.get(id));
    functions.set(key, (functions.get(key) ?? 0) + us);
  }
  // Inclusive time of our own functions: each sample counts once per distinct function on its stack.
  const inclusive = new Map();
  for (const [id, us] of self) {
    const seen = new Set();
    for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
      const node = byId.get(cur);
      if (!/dist\/(apps|libs)\//.test(node.callFrame.url)) continue;
      const key = keyOf(node);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  const busyUs = totalUs - (areas.get('idle') ?? 0);
  const pct = (us, of) => `${((100 * us) / of).toFixed(1)}%`;
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]);
  const lines = [
    `# ${title}`,
    '',
    `Sampled ${(totalUs / 1e6).toFixed(1)} s; busy (not idle) ${(busyUs / 1e6).toFixed(1)} s. Percentages are of busy time. ${windowed ? 'Only samples taken during the measured load (boot and warm-up left out).' : 'All samples (boot included).'} Areas count native and node-core frames (socket writes, hashing…) for the nearest library or app code that called them.`,
    '',
  ];
  lines.push('## Self time by area', '', '| Area | ms | % busy |', '|---|---|---|');
  for (const [area, us] of sorted(areas))
    if (area !== 'idle') lines.push(`| ${area} | ${Math.round(us / 1000)} | ${pct(us, busyUs)} |`);
  lines.push('', `## Top ${top} functions by self time`, '', '| Function (file:line) | ms | % busy |', '|---|---|---|');
  for (const [key, us] of sorted(functions)
    .filter(([k]) => !k.startsWith('(idle)'))
    .slice(0, top))
    lines.push(`| \`${key}\` | ${Math.round(us / 1000)} | ${pct(us, busyUs)} |`);
  lines.push(
    '',
    `## Top ${top} app/lib functions by inclusive time`,
    '',
    '| Function (file:line) | ms | % busy |',
    '|---|---|---|',
  );
  for (const [key, us] of sorted(inclusive).slice(0, top))
    lines.push(`| \`${key}\` | ${Math.round(us / 1000)} | ${pct(us, busyUs)} |`);
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  if (!process.argv[2]) {
    console.error('Usage: node bench/summarize-profile.mjs <file.cpuprofile>');
    process.exit(2);
  }
  summarizeProfile(process.argv[2]).then((markdown) => console.log(markdown));
}
