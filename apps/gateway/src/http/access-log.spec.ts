import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { AccessLog } from './access-log';
import type { RequestContext } from './request-context';

/** A response whose end the spec decides: `finish` (answered) or only `close` (cut). */
function response(statusCode: number): ServerResponse & EventEmitter {
  return Object.assign(new EventEmitter(), { statusCode, writableFinished: false }) as unknown as ServerResponse &
    EventEmitter;
}

function setup(level = 'info') {
  const lines: Record<string, unknown>[] = [];
  const log = new AccessLog(level, { write: (line: string) => void lines.push(JSON.parse(line)) }, [
    'provider-secret-value',
  ]);
  const req = {
    method: 'POST',
    url: '/v1/chat/completions?key=sy_live_abcdefghijkl',
    headers: { 'user-agent': 'probe provider-secret-value', 'content-length': '42' },
  } as unknown as IncomingMessage;
  const ctx: RequestContext = {
    requestId: 'req-1',
    clientRequestId: 'client-7',
    startedAt: performance.now(),
    teamId: 'team-1',
    keyPrefix: 'sy_live_ab',
  };
  return { lines, log, req, ctx };
}

describe('AccessLog', () => {
  it('writes one line per answer with the request fields, secrets masked', () => {
    const { lines, log, req, ctx } = setup();
    const res = response(200);
    log.record(req, res, ctx, '/v1/chat/completions');
    Object.assign(res, { writableFinished: true });
    res.emit('finish');
    res.emit('close');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: {
        id: 'req-1',
        method: 'POST',
        url: '/v1/chat/completions?key=sy_live_[redacted]',
        userAgent: 'probe [redacted]',
        contentLength: '42',
      },
      res: { statusCode: 200 },
      responseTime: expect.any(Number),
      team: 'team-1',
      keyPrefix: 'sy_live_ab',
      clientRequestId: 'client-7',
      route: '/v1/chat/completions',
    });
  });

  it('logs a refused request as a warning and a cut one as an error', () => {
    const { lines, log, req, ctx } = setup();
    const refused = response(429);
    log.record(req, refused, ctx, '/v1/chat/completions');
    Object.assign(refused, { writableFinished: true });
    refused.emit('finish');
    const cut = response(200);
    log.record(req, cut, ctx, '/v1/chat/completions');
    cut.emit('close');
    expect(lines.map((l) => [l.level, l.msg])).toEqual([
      [40, 'request completed'],
      [50, 'request aborted'],
    ]);
  });

  it('writes nothing when the level is off', () => {
    const { lines, log, req, ctx } = setup('warn');
    const res = response(200);
    log.record(req, res, ctx, '/v1/chat/completions');
    Object.assign(res, { writableFinished: true });
    res.emit('finish');
    expect(lines).toHaveLength(0);
  });
});
