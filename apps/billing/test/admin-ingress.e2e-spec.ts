import { rawExchange } from '@switchyard/testing';
import { type AdminStack, startAdminStack } from './support/admin-stack';

// Real: billing as a process, Postgres, Redis. The admin API reads a body only for a caller whose
// admin token it accepted, and reads it within small limits, checked before anything parses it.
let stack: AdminStack;

beforeAll(async () => {
  stack = await startAdminStack();
});

afterAll(async () => {
  await stack?.stop();
});

/** POSTs a raw body to /admin/v1/teams with the root token. */
const postTeams = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  fetch(`${stack.url}/admin/v1/teams`, {
    method: 'POST',
    headers: { authorization: `Bearer ${stack.rootToken}`, ...headers },
    body,
  });

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe('admin API: what it reads of a request, and when', () => {
  it('answers 401 to a request without a valid admin token before its body has arrived', async () => {
    const head =
      'POST /admin/v1/teams HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer not-an-admin-token-at-all\r\n' +
      'Content-Type: application/json\r\nContent-Length: 60000\r\n\r\n{"name":"';
    const exchange = rawExchange(stack.billing.port, head);
    const timeout = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('no answer within 3 s')), 3_000),
    );
    try {
      const answer = await Promise.race([exchange.answer, timeout]);
      expect(answer.status).toBe(401);
      expect(JSON.parse(answer.body).error.code).toBe('invalid_api_key');
    } finally {
      exchange.close();
    }
  });

  it('refuses a body nested deeper than 16 levels with a 400 naming the limit, before parsing it', async () => {
    const res = await postTeams(`{"name":"deep","x":${'['.repeat(30_000)}${']'.repeat(30_000)}}`);
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatchObject({
      code: 'invalid_request',
      message: 'The JSON body is nested too deeply: the depth limit is 16 levels.',
    });
  });

  it('refuses a body of more than 2,000 elements with a 400 naming the limit', async () => {
    const res = await postTeams(JSON.stringify({ name: 'wide', x: Array(3_000).fill(0) }));
    expect(res.status).toBe(400);
    expect((await errorOf(res)).message).toContain('the limit is 2000');
  });

  it('refuses a body over 64 KiB with 413', async () => {
    const res = await postTeams(JSON.stringify({ name: 'x'.repeat(80 * 1024) }));
    expect(res.status).toBe(413);
    expect(await errorOf(res)).toMatchObject({
      code: 'payload_too_large',
      message: 'Request body exceeds the limit of 65536 bytes.',
    });
  });

  it('refuses a body that is not JSON in UTF-8 with 415', async () => {
    const form = await postTeams('name=acme', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(415);
    expect((await errorOf(form)).code).toBe('unsupported_media_type');
    const latin1 = await postTeams('{"name":"acme"}', { 'content-type': 'application/json; charset=latin1' });
    expect(latin1.status).toBe(415);
  });

  it('still reads JSON bodies, and takes a POST without one', async () => {
    const created = await postTeams(JSON.stringify({ name: 'ingress-team' }));
    expect(created.status).toBe(201);
    const team = (await created.json()) as { id: string; name: string };
    expect(team.name).toBe('ingress-team');
    const disabled = await fetch(`${stack.url}/admin/v1/teams/${team.id}/disable`, {
      method: 'POST',
      headers: { authorization: `Bearer ${stack.rootToken}` },
    });
    expect(disabled.status).toBe(200);
  });
});
