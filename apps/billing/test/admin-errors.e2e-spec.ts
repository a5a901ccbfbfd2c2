import { randomUUID } from 'node:crypto';
import { type AdminStack, startAdminStack } from './support/admin-stack';

// Real: billing as a process, Postgres, Redis. Nothing faked. Billing answers errors as the
// gateway does: OpenAI's shape through the one mapping, and an x-request-id on every answer.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const NOT_FOUND = {
  error: { message: 'Not found.', type: 'invalid_request_error', param: null, code: 'not_found' },
  message: 'Not found.',
};

/** A call with the headers given (the stack's `call` sends no x-request-id). */
async function send(stack: AdminStack, path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.url}${path}`, {
    headers: { authorization: `Bearer ${stack.rootToken}`, ...headers },
  });
  return { status: res.status, requestId: res.headers.get('x-request-id'), body: await res.json() };
}

/** The access log line billing wrote for `url`, with the client's request id it logged. */
function logLineFor(stack: AdminStack, url: string, clientRequestId: string | undefined) {
  return stack.billing
    .output()
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as { req?: { url?: string }; clientRequestId?: string })
    .find((line) => line.req?.url === url && line.clientRequestId === clientRequestId);
}

describe('billing error answers', () => {
  let stack: AdminStack;

  beforeAll(async () => {
    stack = await startAdminStack();
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('answers an unknown route in the OpenAI error shape, with a request id of its own', async () => {
    const answer = await send(stack, '/admin/v1/nowhere');
    expect(answer).toEqual({ status: 404, requestId: expect.stringMatching(UUID), body: NOT_FOUND });
  });

  it('puts the request id on validation, not-found and permission answers', async () => {
    const invalid = await stack.call('POST', `/teams/${randomUUID()}/keys`, { body: { name: 'k', rpmLimit: -1 } });
    const malformedId = await stack.call('GET', '/teams/not-a-uuid');
    const readOnly = (await stack.call('POST', '/admin-tokens', { body: { name: 'ro', scope: 'read' } })).body.token;
    const denied = await stack.call('POST', '/teams', { token: readOnly, body: { name: 'nope' } });
    const answers = [invalid, malformedId, denied].map((res) => ({
      status: res.status,
      requestId: res.headers.get('x-request-id'),
    }));
    expect(answers).toEqual([400, 404, 403].map((status) => ({ status, requestId: expect.stringMatching(UUID) })));
  });

  it('answers a missing team in the path with 404 and one in a body field with 400', async () => {
    const noTeam = randomUUID();
    const keyForNoTeam = await stack.call('POST', `/teams/${noTeam}/keys`, { body: { name: 'k' } });
    expect(keyForNoTeam).toMatchObject({
      status: 404,
      body: {
        error: {
          message: `No team with id ${noTeam}.`,
          type: 'invalid_request_error',
          param: 'team_id',
          code: 'not_found',
        },
      },
    });
    const tokenForNoTeam = await stack.call('POST', '/admin-tokens', {
      body: { name: 'scoped', scope: 'read', teamId: noTeam },
    });
    expect(tokenForNoTeam).toMatchObject({
      status: 400,
      body: {
        error: {
          message: `Unknown team: ${noTeam}`,
          type: 'invalid_request_error',
          param: 'team_id',
          code: 'invalid_request',
        },
      },
    });
  });

  it('echoes a sane client x-request-id, logs ours beside it, and never echoes an insane one', async () => {
    const own = await startAdminStack(); // a billing of its own: the test stops it to read all it logged
    try {
      const echoed = await send(own, '/admin/v1/nowhere?sane', { 'x-request-id': 'ops-check-1' });
      expect(echoed).toEqual({ status: 404, requestId: 'ops-check-1', body: NOT_FOUND });
      const replaced = await send(own, '/admin/v1/nowhere?insane', { 'x-request-id': 'not sane!' });
      expect(replaced.requestId).toMatch(UUID);

      await own.billing.stop(); // 4xx lines are written at warn, the test level
      expect(logLineFor(own, '/admin/v1/nowhere?sane', 'ops-check-1')).toMatchObject({
        req: { id: expect.stringMatching(UUID) },
        res: { statusCode: 404 },
      });
      expect(logLineFor(own, '/admin/v1/nowhere?insane', undefined)).toMatchObject({
        req: { id: replaced.requestId },
      });
    } finally {
      await own.stop();
    }
  });
});
