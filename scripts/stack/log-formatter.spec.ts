import { createLogFormatter } from './log-formatter.mjs';

// Lines recorded from `npm start` (gateway, billing, simulator; the errors with the simulated
// provider's URL pointed at a closed port), except those named as built in the shape of the code
// that writes them.
const RECORDED = {
  listening:
    '{"level":30,"time":1796190403128,"pid":23059,"hostname":"vm","context":"Gateway","msg":"Listening on http://127.0.0.1:38100"}',
  simulator:
    '{"level":30,"time":1796190400783,"app":"simulator","msg":"simulator listening on http://127.0.0.1:38102/v1"}',
  routeMapped:
    '{"level":30,"time":1796190402088,"pid":23028,"hostname":"vm","context":"RouterExplorer","msg":"Mapped {/metrics, GET} route"}',
  chatRequest:
    '{"level":30,"time":1796190403869,"pid":23059,"hostname":"vm","req":{"id":"804d3204-dc91-49a7-9321-6018ce05b97a","method":"POST","url":"/v1/chat/completions","userAgent":"curl/7.88.1","contentLength":"71"},"res":{"statusCode":200},"responseTime":55,"team":"4ed738e2-8270-4c9c-bec5-b5edc5636c47","keyPrefix":"sy_live_tlIr","route":"/v1/chat/completions","msg":"request completed"}',
  adminUnauthorized:
    '{"level":40,"time":1796190403921,"pid":23028,"hostname":"vm","req":{"id":"76981823-2d71-4f0f-a2d5-919913a35f99","method":"GET","url":"/admin/v1/teams","userAgent":"curl/7.88.1"},"route":"unmatched","res":{"statusCode":401},"responseTime":11,"msg":"request completed"}',
  fallback:
    '{"level":40,"time":1796191066667,"pid":4831,"hostname":"vm","context":"UpstreamCaller","msg":"upstream failed, trying the next candidate","model":"gpt-4o-mini","code":"upstream_error","detail":"ECONNREFUSED"}',
  answeredWith5xx:
    '{"level":50,"time":1796191066669,"pid":4831,"hostname":"vm","context":"Errors","requestId":"e7603b99-03d8-412a-b186-34f89179442d","code":"upstream_error","detail":"Error: connect ECONNREFUSED 127.0.0.1:1\\nError: connect ECONNREFUSED 127.0.0.1:1\\n    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)"}',
  badGateway:
    '{"level":50,"time":1796191066670,"pid":4831,"hostname":"vm","req":{"id":"e7603b99-03d8-412a-b186-34f89179442d","method":"POST","url":"/v1/chat/completions","userAgent":"curl/7.88.1","contentLength":"71"},"res":{"statusCode":502},"responseTime":33,"team":"4ed738e2-8270-4c9c-bec5-b5edc5636c47","keyPrefix":"sy_live_tlIr","route":"/v1/chat/completions","msg":"request completed"}',
};
const BUILT = {
  // apps/gateway/src/usage/usage-delivery.service.ts: `err: String(err)`.
  notBilled:
    '{"level":50,"time":1796191066669,"pid":4831,"hostname":"vm","context":"UsageDelivery","requestId":"e7603b99","msg":"usage event neither queued nor spooled","err":"Error: Connection is closed."}',
  // pino-http's line for a failed answer, its err through pino's serializer.
  requestErrored:
    '{"level":50,"time":1796191066669,"pid":4831,"hostname":"vm","req":{"id":"r1","method":"GET","url":"/admin/v1/teams/t1/ledger","userAgent":"curl/7.88.1"},"res":{"statusCode":500},"err":{"type":"Error","message":"db down","stack":"Error: db down\\n    at LedgerService.page (/app/dist/libs/ledger/src/ledger.service.js:3:3)"},"responseTime":4,"msg":"request errored"}',
  // The chat lane's AccessLog, for a client that hung up.
  requestAborted:
    '{"level":50,"time":1796191066669,"pid":4831,"hostname":"vm","req":{"id":"r2","method":"POST","url":"/v1/chat/completions"},"res":{"statusCode":200},"responseTime":912,"route":"/v1/chat/completions","msg":"request aborted"}',
};

/** The time as the formatter shows it: the local wall clock, HH:MM:SS. */
const clock = (line: string) => new Date((JSON.parse(line) as { time: number }).time).toTimeString().slice(0, 8);

describe('createLogFormatter (npm start at a terminal)', () => {
  const format = createLogFormatter({ colorize: false });

  it.each([
    ['a message behind its Nest context', RECORDED.listening, 'INFO: [Gateway] Listening on http://127.0.0.1:38100'],
    ['a line without a context', RECORDED.simulator, 'INFO: simulator listening on http://127.0.0.1:38102/v1'],
    ["Nest's route table", RECORDED.routeMapped, 'INFO: [RouterExplorer] Mapped {/metrics, GET} route'],
    [
      'a request as method, URL, status and duration',
      RECORDED.chatRequest,
      'INFO: POST /v1/chat/completions 200 55 ms',
    ],
    ['a refused request at its level', RECORDED.adminUnauthorized, 'WARN: GET /admin/v1/teams 401 11 ms'],
    ['a failed answer at its level', RECORDED.badGateway, 'ERROR: POST /v1/chat/completions 502 33 ms'],
    ['a request the client hung up on', BUILT.requestAborted, 'ERROR: POST /v1/chat/completions 200 912 ms (aborted)'],
    [
      'an error with its message, and the fields left',
      BUILT.notBilled,
      'ERROR: [UsageDelivery] usage event neither queued nor spooled: Error: Connection is closed. {"requestId":"e7603b99"}',
    ],
    [
      'a cause given as detail, and the fields left',
      RECORDED.fallback,
      'WARN: [UpstreamCaller] upstream failed, trying the next candidate: ECONNREFUSED {"model":"gpt-4o-mini","code":"upstream_error"}',
    ],
  ])('shows %s', (_what, line, shown) => {
    expect(format(line)).toBe(`${clock(line)} ${shown}`);
  });

  it("shows a 5xx's cause by its code and message, then its stack frames", () => {
    expect(format(RECORDED.answeredWith5xx).split('\n')).toEqual([
      `${clock(RECORDED.answeredWith5xx)} ERROR: [Errors] upstream_error: Error: connect ECONNREFUSED 127.0.0.1:1 {"requestId":"e7603b99-03d8-412a-b186-34f89179442d"}`,
      '    at TCPConnectWrap.afterConnect [as oncomplete] (node:net:1611:16)',
    ]);
  });

  it("shows a failed request's error message on its line and the stack below", () => {
    expect(format(BUILT.requestErrored).split('\n')).toEqual([
      `${clock(BUILT.requestErrored)} ERROR: GET /admin/v1/teams/t1/ledger 500 4 ms (errored): db down`,
      '    at LedgerService.page (/app/dist/libs/ledger/src/ledger.service.js:3:3)',
    ]);
  });

  it.each([
    ['a line that is not JSON', 'build: 363 modules, 13 assets → dist/ in 251 ms'],
    ['the seed’s banner', '>>> Demo API key: sy_live_tlIr6Gv2uI6ZP4TPQKgaSzLCHILjyQNx2002Z7'],
    ['an empty line', ''],
    ['JSON that is no log line', '{"object":"chat.completion","choices":[]}'],
    ['a JSON value that is no object', '[1,2]'],
    ['a JSON null', 'null'],
  ])('passes %s through unchanged', (_what, line) => {
    expect(format(line)).toBe(line);
  });

  it('shows the control characters a client put in a line as escapes, not as terminal commands', () => {
    const url = RECORDED.adminUnauthorized.replace('/admin/v1/teams', '/admin/v1/teams\\u001b[2J\\u0007');
    expect(format(url)).toBe(`${clock(url)} WARN: GET /admin/v1/teams\\u001b[2J\\u0007 401 11 ms`);
    // A C1 control (CSI) in a field shown as JSON, which escapes C0 controls only.
    const field = BUILT.notBilled.replace('"requestId":"e7603b99"', '"requestId":"e7603b99\\u009b2J"');
    expect(format(field)).toBe(
      `${clock(field)} ERROR: [UsageDelivery] usage event neither queued nor spooled: Error: Connection is closed. {"requestId":"e7603b99\\u009b2J"}`,
    );
  });

  it('names an error without a message by its type', () => {
    const line = BUILT.requestErrored.replace('"message":"db down"', '"message":""').replace('Error: db down', 'Error');
    expect(format(line).split('\n')).toEqual([
      `${clock(line)} ERROR: GET /admin/v1/teams/t1/ledger 500 4 ms (errored): Error`,
      '    at LedgerService.page (/app/dist/libs/ledger/src/ledger.service.js:3:3)',
    ]);
  });

  it('colours the level, dims the context and the boot chatter, and leaves the message in the terminal’s colour', () => {
    const coloured = createLogFormatter({ colorize: true });
    expect(coloured(RECORDED.listening)).toBe(
      `${clock(RECORDED.listening)} \x1b[32mINFO\x1b[39m: \x1b[0m\x1b[90m[Gateway]\x1b[39m Listening on http://127.0.0.1:38100\x1b[0m`,
    );
    expect(coloured(RECORDED.badGateway)).toContain('\x1b[31mERROR\x1b[39m');
    expect(coloured(RECORDED.adminUnauthorized)).toContain('\x1b[33mWARN\x1b[39m');
    expect(coloured(RECORDED.routeMapped)).toContain('\x1b[90m[RouterExplorer] Mapped {/metrics, GET} route\x1b[39m');
    expect(Object.values({ ...RECORDED, ...BUILT }).filter((line) => format(line).includes('\x1b'))).toEqual([]);
  });
});
