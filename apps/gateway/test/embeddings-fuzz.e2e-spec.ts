import { request } from 'undici';
import type { PrismaClient } from '@switchyard/db';
import { createTestPrisma } from '@switchyard/testing';
import { createTeam, type TeamFixture } from './support/e2e-fixtures';
import { type FakeUpstreamStack, startFakeUpstreamStack } from './support/fake-upstreams';
import { mutatedEmbeddingsBody } from './support/mutated-embeddings';
import { isOpenAiClientError } from './support/openai-error-shape';

// Real: gateway and billing processes, Postgres, Redis, a key with credits. Simulated: the
// upstream embedding model. Generated: 3,000 mutated bodies from a seeded PRNG (replay one with
// mutatedEmbeddingsBody(i)); each must be served (200) or refused in OpenAI's 4xx shape, never a 5xx.
const REQUESTS = 3_000;
const CONCURRENCY = 16;

describe('POST /v1/embeddings under mutated bodies', () => {
  let fakes: FakeUpstreamStack;
  let prisma: PrismaClient;
  let team: TeamFixture;

  beforeAll(async () => {
    prisma = createTestPrisma();
    fakes = await startFakeUpstreamStack();
    team = await createTeam(prisma, { grantMicro: 1_000_000_000n });
  }, 90_000);

  afterAll(async () => {
    await fakes?.stop();
    await prisma?.$disconnect();
  });

  it(`answers ${REQUESTS} mutated bodies with 200 or an OpenAI-shaped 4xx, 0 5xx`, async () => {
    const failures: string[] = [];
    const byStatus = new Map<number, number>();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          const index = next++;
          const body = mutatedEmbeddingsBody(index);
          const res = await request(`${fakes.stack.gatewayUrl}/v1/embeddings`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${team.apiKey}` },
            body,
          });
          const text = await res.body.text();
          byStatus.set(res.statusCode, (byStatus.get(res.statusCode) ?? 0) + 1);
          const served = res.statusCode === 200 && (JSON.parse(text) as { object?: string }).object === 'list';
          if (!served && !isOpenAiClientError(res.statusCode, text))
            failures.push(`#${index} → ${res.statusCode} ${text.slice(0, 200)} for ${body.slice(0, 200)}`);
        }
      }),
    );
    expect(failures).toEqual([]);
    // Both outcomes were exercised: some mutations leave a valid request, most do not.
    expect(byStatus.get(200)).toBeGreaterThan(50);
    expect(byStatus.get(400)).toBeGreaterThan(REQUESTS / 2);
  }, 300_000);
});
