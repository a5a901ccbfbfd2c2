import type { ProviderConfig } from '@switchyard/contracts';
import { waitFor } from '@switchyard/testing';
import { jsonBody, listen, type RunningServer } from '../http/fake-upstream.test-util';
import { simulatedEmbedding } from '../simulated/simulate-embeddings.util';
import { createSimulatedServer } from '../simulated/simulated.server';
import type { UpstreamFaults } from '../simulated/upstream-faults.util';
import { UpstreamError } from '../upstream.error';
import { OpenAiCompatibleProvider } from './openai-compatible.provider';

// Real: the simulated provider's HTTP server, a fake OpenAI-compatible upstream (both on 127.0.0.1)
// and undici sockets. Nothing faked in the provider.
const config = (origin: string, kind: ProviderConfig['kind']): ProviderConfig => ({
  name: kind,
  kind,
  baseUrl: `${origin}/v1`,
  timeoutMs: 5000,
});

describe(`${OpenAiCompatibleProvider.name} embeddings`, () => {
  const running: RunningServer[] = [];
  const providers: OpenAiCompatibleProvider[] = [];
  afterEach(async () => {
    await Promise.all(providers.splice(0).map((provider) => provider.close()));
    await Promise.all(running.splice(0).map((server) => server.close()));
  });
  async function start(server: Parameters<typeof listen>[0], kind: ProviderConfig['kind']) {
    const upstream = await listen(server);
    running.push(upstream);
    const provider = new OpenAiCompatibleProvider(config(upstream.origin, kind), 'sk-test');
    providers.push(provider);
    return provider;
  }

  it('asks the simulator for the native size and returns its vectors in input order', async () => {
    const provider = await start(createSimulatedServer(), 'simulated');
    const body = { model: 'sim-embed', input: ['a', 'b'], encoding_format: 'float' as const };
    await expect(provider.embed(body, 8, {})).resolves.toEqual([
      simulatedEmbedding('sim-embed', 'a', 8),
      simulatedEmbedding('sim-embed', 'b', 8),
    ]);
  });

  it('sends an OpenAI upstream the request as is (no dimensions unless asked) and orders by index', async () => {
    const seen: Array<{ url?: string; auth?: string; body: Record<string, unknown> }> = [];
    const provider = await start(async (req, res) => {
      seen.push({ url: req.url, auth: req.headers.authorization, body: await jsonBody(req) });
      const data = [
        { object: 'embedding', index: 1, embedding: [0, 1] },
        { object: 'embedding', index: 0, embedding: [1, 0] },
      ];
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ object: 'list', data, model: 'up', usage: { prompt_tokens: 2, total_tokens: 2 } }));
    }, 'openai');
    const body = { model: 'up', input: [[1], [2]], encoding_format: 'float' as const };
    await expect(provider.embed(body, 2, {})).resolves.toEqual([
      [1, 0],
      [0, 1],
    ]);
    expect(seen).toEqual([{ url: '/v1/embeddings', auth: 'Bearer sk-test', body }]);
  });

  it.each([
    ['a vector of the wrong length', [{ index: 0, embedding: [1, 0, 0] }]],
    ['a missing index', [{ index: 1, embedding: [1, 0] }]],
    ['too few vectors', []],
    ['a non-number', [{ index: 0, embedding: [1, 'x'] }]],
  ])('refuses %s as a malformed, retriable answer', async (_case, data) => {
    const provider = await start((_req, res) => res.end(JSON.stringify({ object: 'list', data })), 'openai');
    const call = provider.embed({ model: 'up', input: ['a'], encoding_format: 'float' }, 2, {});
    await expect(call).rejects.toThrow(UpstreamError);
    await expect(call).rejects.toMatchObject({ code: 'upstream_error', retriable: true });
  });

  it('honours the simulator’s fault switches on embeddings', async () => {
    const faults: UpstreamFaults = { status: 503, failNext: 1 };
    const provider = await start(createSimulatedServer({ faults }), 'simulated');
    const body = { model: 'sim-embed', input: ['a'], encoding_format: 'float' as const };
    await expect(provider.embed(body, 4, {})).rejects.toMatchObject({ upstreamStatus: 503, retriable: true });
    await waitFor(() => faults.failNext === 0, { timeoutMs: 2000, describe: 'the one failure used' });
    await expect(provider.embed(body, 4, {})).resolves.toEqual([simulatedEmbedding('sim-embed', 'a', 4)]);
  });
});
