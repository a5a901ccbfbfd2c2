// Turns the raw results into the summary (ratios from this one run) and a markdown report.
const mean = (xs) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const ms = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const dec = (x) => (Number.isFinite(x) ? x.toFixed(2) : 'n/a');
const int = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');

/** Per rate: the mean over rounds of each side, through − direct, and bare proxy − direct. */
export function summarizeOverhead(results) {
  const rows = [];
  for (const rate of [...new Set(results.map((r) => r.rate))]) {
    const side = (name) => results.filter((r) => r.rate === rate && r.side === name);
    const avg = (list, field) => mean(list.map((r) => r[field]));
    const direct = side('direct');
    const through = side('through');
    const proxy = side('proxy');
    const row = { rate, rounds: through.length };
    for (const f of ['p50', 'p90', 'p99', 'rps']) {
      row[`direct_${f}`] = avg(direct, f);
      row[`through_${f}`] = avg(through, f);
      row[`proxy_${f}`] = avg(proxy, f);
    }
    for (const f of ['p50', 'p90', 'p99']) {
      row[`overhead_${f}`] = row[`through_${f}`] - row[`direct_${f}`];
      row[`proxyOverhead_${f}`] = row[`proxy_${f}`] - row[`direct_${f}`];
    }
    row.gatewayCpuUsPerRequest = avg(through, 'gatewayCpuUsPerRequest');
    row.proxyCpuUsPerRequest = avg(proxy, 'proxyCpuUsPerRequest');
    const syscalls = (list, field) => mean(list.map((r) => r[field] && r[field].reads + r[field].writes));
    row.gatewaySyscallsPerRequest = syscalls(through, 'gatewaySyscallsPerRequest');
    row.proxySyscallsPerRequest = syscalls(proxy, 'proxySyscallsPerRequest');
    row.throughCpuUsPerRequest = Object.fromEntries(
      Object.keys(through[0]?.cpuUsPerRequest ?? {}).map((name) => [
        name,
        mean(through.map((r) => r.cpuUsPerRequest[name])),
      ]),
    );
    row.gatewayRssPeakMb = Math.max(...through.map((r) => r.gatewayRssPeakMb));
    row.errors = [...direct, ...proxy, ...through].reduce((n, r) => n + r.errors + r.non2xx, 0);
    rows.push(row);
  }
  return rows;
}

export function targetsTable(summary) {
  const at500 = summary.overhead.find((r) => r.rate === 500);
  const sat = summary.overhead.find((r) => r.rate === null);
  // Billing's own rate, queue to ledger (the queue filled first); the live run is reported beside it.
  const hot = summary.billing.find((b) => b.name === 'hot-team' && b.mode === 'drain');
  const streams1000 = summary.streaming.find((s) => s.side === 'through' && s.concurrency === 1000);
  const rssUnderLoad = Math.max(
    ...summary.overhead.map((r) => r.gatewayRssPeakMb),
    ...summary.streaming.filter((s) => s.gatewayRssPeakMb).map((s) => s.gatewayRssPeakMb),
  );
  return [
    [
      'Overhead p50 at 500 req/s',
      '≤ 1 ms',
      at500 ? `${ms(at500.overhead_p50)} ms` : 'n/a',
      at500 && at500.overhead_p50 <= 1,
    ],
    [
      'Overhead p99 at 500 req/s',
      '≤ 5 ms',
      at500 ? `${ms(at500.overhead_p99)} ms` : 'n/a',
      at500 && at500.overhead_p99 <= 5,
    ],
    [
      'Gateway CPU per request at saturation',
      '≤ 300 µs',
      sat ? `${int(sat.gatewayCpuUsPerRequest)} µs` : 'n/a',
      sat && sat.gatewayCpuUsPerRequest <= 300,
    ],
    [
      'Billing, one hot team',
      '≥ 5,000 events/s, exact',
      hot ? `${int(hot.eventsPerSec)} events/s, ${hot.exact ? 'exact' : 'NOT exact'}` : 'n/a',
      hot && hot.eventsPerSec >= 5000 && hot.exact,
    ],
    ['Gateway RSS under load', '≤ 250 MB', `${int(rssUnderLoad)} MB`, rssUnderLoad <= 250],
    [
      '1,000 concurrent streams',
      'no errors',
      streams1000 ? `${streams1000.errors} errors, ${int(streams1000.streams)} streams` : 'n/a',
      streams1000 && streams1000.errors === 0,
    ],
  ].map(([what, target, measured, met]) => ({ what, target, measured, met: Boolean(met) }));
}

export function markdownReport({ meta, summary }) {
  const lines = [`# Switchyard benchmark ${meta.startedAt}`, ''];
  lines.push(
    `Mode: ${meta.mode}. Node ${meta.node}, ${meta.cpus} CPUs (${meta.cpuModel}), load average at start ${meta.loadAverage}. `,
  );
  lines.push(
    'Load generator, gateway, billing, Postgres, Redis and the fake upstream all share this machine: compare the two sides of each row (measured in the same run, alternating), not absolute numbers across machines.',
    '',
  );
  lines.push('## Targets', '', '| What | Target | Measured | Met |', '|---|---|---|---|');
  for (const t of summary.targets) lines.push(`| ${t.what} | ${t.target} | ${t.measured} | ${t.met ? 'yes' : 'no'} |`);
  lines.push('', '## Overhead (non-streaming; latency in ms, mean over rounds)', '');
  lines.push(
    '| Rate | Direct p50/p90/p99 | Through p50/p90/p99 | Overhead p50/p90/p99 | Direct req/s | Through req/s | Gateway CPU µs/req | Errors |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const r of summary.overhead) {
    lines.push(
      `| ${r.rate ? `${r.rate} req/s` : 'saturation'} | ${ms(r.direct_p50)} / ${ms(r.direct_p90)} / ${ms(r.direct_p99)} | ${ms(r.through_p50)} / ${ms(r.through_p90)} / ${ms(r.through_p99)} | ${ms(r.overhead_p50)} / ${ms(r.overhead_p90)} / ${ms(r.overhead_p99)} | ${int(r.direct_rps)} | ${int(r.through_rps)} | ${int(r.gatewayCpuUsPerRequest)} | ${r.errors} |`,
    );
  }
  lines.push(
    '',
    '### The same rounds against a bare Node proxy',
    '',
    "`bench/bare-proxy.mjs`: node:http in, an undici pool out, the body passed through (no auth, holds, usage event or log). Its overhead over the direct call is what one Node hop costs on this machine at that rate; the gateway's beyond it is its own work and its Redis round trips.",
    '',
    '| Rate | Bare proxy overhead p50/p90/p99 | Gateway overhead p50/p90/p99 | Bare proxy req/s | Bare proxy CPU µs/req | Gateway CPU µs/req | Bare proxy syscalls/req | Gateway syscalls/req |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const r of summary.overhead) {
    lines.push(
      `| ${r.rate ? `${r.rate} req/s` : 'saturation'} | ${ms(r.proxyOverhead_p50)} / ${ms(r.proxyOverhead_p90)} / ${ms(r.proxyOverhead_p99)} | ${ms(r.overhead_p50)} / ${ms(r.overhead_p90)} / ${ms(r.overhead_p99)} | ${int(r.proxy_rps)} | ${int(r.proxyCpuUsPerRequest)} | ${int(r.gatewayCpuUsPerRequest)} | ${dec(r.proxySyscallsPerRequest)} | ${dec(r.gatewaySyscallsPerRequest)} |`,
    );
  }
  const groups = Object.keys(summary.overhead[0]?.throughCpuUsPerRequest ?? {});
  if (groups.length) {
    lines.push(
      '',
      '### CPU per request through the gateway, by process (µs; billing consumes the events meanwhile)',
      '',
    );
    lines.push(`| Rate | ${groups.join(' | ')} | All |`, `|---|${groups.map(() => '---|').join('')}---|`);
    for (const r of summary.overhead) {
      const values = groups.map((g) => r.throughCpuUsPerRequest[g]);
      lines.push(
        `| ${r.rate ? `${r.rate} req/s` : 'saturation'} | ${values.map(int).join(' | ')} | ${int(values.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0))} |`,
      );
    }
  }
  if (meta.loopback) {
    const { rate, pacedUs, backToBackUs } = meta.loopback;
    lines.push(
      '',
      `Machine: a loopback round trip to an echo process costs this process ${int(pacedUs)} µs of CPU at ${rate}/s (the peer sleeps between messages) and ${int(backToBackUs)} µs back to back: every hop of a request pays the first kind at moderate load.`,
    );
  }
  lines.push('', '## Streaming (fake upstream: ' + `${meta.streamChunks} chunks, ${meta.streamDelayMs} ms apart)`, '');
  lines.push(
    '| Concurrent streams | Side | TTFT p50/p90/p99 ms | Events relayed/s | Streams done | Errors | Gateway RSS peak MB |',
    '|---|---|---|---|---|---|---|',
  );
  for (const s of summary.streaming) {
    lines.push(
      `| ${s.concurrency} | ${s.side} | ${ms(s.ttftP50)} / ${ms(s.ttftP90)} / ${ms(s.ttftP99)} | ${int(s.eventsPerSec)} | ${int(s.streams)} | ${s.errors} | ${s.gatewayRssPeakMb ? int(s.gatewayRssPeakMb) : ''} |`,
    );
  }
  if (summary.embeddings) {
    lines.push(
      '',
      '## Embeddings beside chat (through the gateway, saturation, alternating)',
      '',
      '`bench-embed`: 16 short texts per request, 1536 dimensions, base64 (the openai SDK default); the gateway decodes the upstream floats and encodes them again.',
      '',
      '| Request | Round | req/s | p50 / p99 ms | Gateway CPU µs/req | Stack CPU µs/req | Non-2xx |',
      '|---|---|---|---|---|---|---|',
    );
    for (const e of summary.embeddings) {
      const stackCpu = Object.values(e.cpuUsPerRequest).reduce((sum, us) => sum + us, 0);
      lines.push(
        `| ${e.kind} | ${e.round} | ${int(e.rps)} | ${ms(e.p50)} / ${ms(e.p99)} | ${int(e.cpuUsPerRequest.gateway)} | ${int(stackCpu)} | ${e.non2xx} |`,
      );
    }
  }
  lines.push(
    '',
    '## Billing (queue → ledger)',
    '',
    '`drain`: the queue is filled while paused, then resumed; the clock runs from the resume to the last debit. `live`: billing consumes while the producer enqueues on the same cores; the clock runs from the first enqueue.',
    '',
    '| Scenario | Mode | Teams | Events | Seconds | Events/s debited | Enqueue/s | Ledger exact |',
    '|---|---|---|---|---|---|---|---|',
  );
  for (const b of summary.billing)
    lines.push(
      `| ${b.name} | ${b.mode} | ${b.teams} | ${int(b.events)} | ${b.seconds.toFixed(2)} | ${int(b.eventsPerSec)} | ${int(b.enqueuePerSec)} | ${b.exact ? 'yes' : `no (${b.debited} debited, ${b.teamsWrong} teams wrong)`} |`,
    );
  lines.push(
    '',
    '## Memory',
    '',
    `Gateway RSS at rest (after boot): ${int(summary.memory.restMb)} MB; after warm-up: ${int(summary.memory.warmMb)} MB; peak under load: ${int(summary.memory.peakMb)} MB.`,
    '',
  );
  return lines.join('\n');
}
