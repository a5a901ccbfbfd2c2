import { parseCredits } from '@switchyard/contracts';
import { LedgerService } from '@switchyard/ledger';
import { waitFor } from '@switchyard/testing';
import { createTeam } from './support/e2e-fixtures';
import { type ClusterStack, startClusterStack } from './support/cluster-stack';

// Real: a Redis Cluster of this file's own (3 masters, 3 replicas), two gateway processes and billing
// on it, Postgres (this run's database). Simulated: the upstream, answering after 500 ms so a burst's
// holds are all decided while its requests are in flight. Every connection kind is on the cluster:
// holds and leases, rate limits, the usage queue (producer and worker), both pub/sub channels.
let cs: ClusterStack;

beforeAll(async () => {
  // A minute-long key cache: a revoked key refused within seconds was dropped by pub/sub, not by expiry.
  cs = await startClusterStack({ KEY_CACHE_TTL_MS: '60000' }, { gateways: 2, simulator: { latencyMs: 500 } });
}, 90_000);
afterAll(() => cs?.stop());

const usageEntries = (teamId: string) => cs.prisma.ledgerEntry.findMany({ where: { teamId, kind: 'usage' } });

/** What one request costs (the default output rate is 0, so every request's cost is its prompt's). */
async function costOfOneRequest(): Promise<bigint> {
  const probe = await createTeam(cs.prisma, { grantMicro: 1_000_000_000n });
  const res = await cs.chat(0, probe.apiKey);
  return parseCredits(((await res.json()) as { usage: { credits: string } }).usage.credits);
}

describe('the stack on a Redis Cluster', () => {
  it('reports every process ready: its Redis connections and the usage queue answer on the cluster', async () => {
    const apps = [...cs.stack.gateways, cs.stack.billing];
    const statuses = await Promise.all(apps.map(async (app) => (await fetch(`${app.url}/health/ready`)).status));
    expect(statuses).toEqual([200, 200, 200]);
  });

  it('answers a chat completion and bills it once', async () => {
    const team = await createTeam(cs.prisma, { grantMicro: 1_000_000_000n });
    const res = await cs.chat(1, team.apiKey);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { usage: { credits: string } };
    expect(body).toMatchObject({ object: 'chat.completion', choices: [{ message: { role: 'assistant' } }] });
    const requestId = res.headers.get('x-request-id');
    await waitFor(async () => (await usageEntries(team.teamId)).length === 1, {
      timeoutMs: 20_000,
      describe: 'the debit',
    });
    const [entry] = await usageEntries(team.teamId);
    expect(entry).toMatchObject({ requestId, amountMicro: -parseCredits(body.usage.credits) });
  });

  // Through one gateway: split over two, each gateway's credit lease may strand a fraction of a
  // request's cost (9 were served in a trial run); the many-gateways spec asserts no overdraw there.
  it('serves exactly the 10 of 100 concurrent requests that the balance covers', async () => {
    const cost = await costOfOneRequest();
    const team = await createTeam(cs.prisma, { grantMicro: 10n * cost });
    const responses = await Promise.all(Array.from({ length: 100 }, () => cs.chat(0, team.apiKey)));
    const served = responses.filter((r) => r.status === 200).map((r) => r.headers.get('x-request-id'));
    expect(served).toHaveLength(10);
    expect(responses.filter((r) => r.status === 402)).toHaveLength(90);
    await waitFor(async () => (await usageEntries(team.teamId)).length === 10, {
      timeoutMs: 20_000,
      describe: '10 debits',
    });
    expect((await usageEntries(team.teamId)).map((e) => e.requestId).sort()).toEqual(served.sort());
    expect(await new LedgerService(cs.prisma).verifyTeam(team.teamId)).toMatchObject({ ok: true, balanceMicro: 0n });
  });

  it('counts one rate limit across both gateways', async () => {
    const team = await createTeam(cs.prisma, { grantMicro: 1_000_000_000n });
    await cs.prisma.apiKey.update({ where: { id: team.keyId }, data: { rpmLimit: 5 } });
    // Fixed one-minute windows: a burst that straddled a boundary would be counted in two.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 45_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 200));
    const responses = await Promise.all(Array.from({ length: 16 }, (_, i) => cs.chat(i % 2, team.apiKey)));
    expect(responses.filter((r) => r.status === 200)).toHaveLength(5);
    expect(responses.filter((r) => r.status === 429)).toHaveLength(11);
  });

  it('refuses a revoked key on both gateways within seconds, far inside their key cache lifetime', async () => {
    const team = await createTeam(cs.prisma, { grantMicro: 1_000_000_000n });
    const models = (gateway: number) =>
      fetch(`${cs.stack.gateways[gateway].url}/v1/models`, { headers: { authorization: `Bearer ${team.apiKey}` } });
    expect((await Promise.all([models(0), models(1)])).map((r) => r.status)).toEqual([200, 200]);
    const revoked = await cs.admin('POST', `/teams/${team.teamId}/keys/${team.keyId}/revoke`);
    expect(revoked).toMatchObject({ status: 200, body: { status: 'revoked' } });
    const refusedOn = async (gateway: number) =>
      waitFor(async () => (await models(gateway)).status === 401, {
        timeoutMs: 10_000,
        describe: `gateway ${gateway} to refuse the key`,
      });
    await expect(Promise.all([refusedOn(0), refusedOn(1)])).resolves.toEqual([true, true]);
  });
});
