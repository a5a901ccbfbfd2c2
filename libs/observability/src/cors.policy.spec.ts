import type { IncomingMessage, ServerResponse } from 'node:http';
import { CorsPolicy } from './cors.policy';
import { corsSettings } from './security-headers.util';

// The reference: the `cors` package (what Nest's enableCors installs), which CorsPolicy replaces.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const cors = require('cors') as (options: object) => (req: object, res: object, next: () => void) => void;

/** A response that records what is done to it. */
function recorder(initial: Record<string, string> = {}) {
  const headers = new Map(Object.entries(initial));
  const res = {
    statusCode: 200,
    ended: false,
    setHeader: (name: string, value: unknown) => void headers.set(name.toLowerCase(), String(value)),
    getHeader: (name: string) => headers.get(name.toLowerCase()),
    end: () => void (res.ended = true),
  };
  return { res, headers };
}

function outcome(
  run: (req: IncomingMessage, res: ServerResponse, next: () => void) => void,
  req: object,
  vary?: string,
) {
  const { res, headers } = recorder(vary ? { vary } : {});
  let nextCalled = false;
  run(req as IncomingMessage, res as unknown as ServerResponse, () => (nextCalled = true));
  return { headers: Object.fromEntries([...headers].sort()), status: res.statusCode, ended: res.ended, nextCalled };
}

const EXPOSED = ['x-request-id', 'retry-after'];
const ALLOWED = ['authorization', 'content-type'];

describe(CorsPolicy.name, () => {
  describe.each([
    ['a list of origins', 'https://app.example,https://admin.example'],
    ['any origin', '*'],
  ])('with %s', (_case, origins) => {
    const settings = corsSettings(origins, ALLOWED, EXPOSED)!;
    const policy = new CorsPolicy(settings);
    const reference = cors(settings);

    it.each([
      ['a call from an allowed origin', { method: 'POST', headers: { origin: 'https://app.example' } }, undefined],
      ['a call from another origin', { method: 'GET', headers: { origin: 'https://evil.example' } }, undefined],
      ['a call without an Origin', { method: 'POST', headers: {} }, undefined],
      ['a call whose answer varies already', { method: 'GET', headers: { origin: 'https://app.example' } }, 'Accept'],
      [
        'a call whose answer varies by Origin already',
        { method: 'GET', headers: { origin: 'https://app.example' } },
        'origin',
      ],
      [
        'a preflight',
        {
          method: 'OPTIONS',
          headers: { origin: 'https://admin.example', 'access-control-request-method': 'POST' },
        },
        undefined,
      ],
      [
        'a preflight from another origin',
        { method: 'OPTIONS', headers: { origin: 'https://evil.example' } },
        undefined,
      ],
    ])('answers %s exactly as the cors package did', (_name, req, vary) => {
      const ours = outcome((q, s, next) => policy.middleware(q as never, s as never, next), req, vary);
      expect(ours).toEqual(outcome(reference, req, vary));
    });
  });

  it('answers a preflight itself: 204, empty, nothing after it runs', () => {
    const policy = new CorsPolicy(corsSettings('https://app.example', ALLOWED, EXPOSED)!);
    const { res, headers } = recorder();
    expect(policy.apply({ method: 'OPTIONS', headers: { origin: 'https://app.example' } } as never, res as never)).toBe(
      true,
    );
    expect({ status: res.statusCode, ended: res.ended }).toEqual({ status: 204, ended: true });
    expect(headers.get('access-control-allow-headers')).toBe('authorization,content-type');
    expect(headers.get('access-control-max-age')).toBe('600');
  });
});
