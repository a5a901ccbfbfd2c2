import { request } from 'undici';
import { useFundedStack } from './support/funded-stack';

// Real: a gateway process (and billing) on Postgres and Redis, a funded key; the simulated upstream.
// Generated: mutations of a valid Messages API request from a seeded PRNG (replay one by its index).
const REQUESTS = 3_000;
const CONCURRENCY = 16;
const BODY_LIMIT_BYTES = 64 * 1024;

const VALID = {
  model: 'gpt-4o-mini',
  max_tokens: 16,
  system: [{ type: 'text', text: 'Be brief.', cache_control: { type: 'ephemeral' } }],
  messages: [
    { role: 'user', content: [{ type: 'text', text: 'Weather?' }] },
    {
      role: 'assistant',
      content: [{ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: { city: 'Paris' } }],
    },
    { role: 'user', content: [{ type: 'tool_result', tool_use_id: 'toolu_1', content: '18C' }] },
  ],
  tools: [{ name: 'get_weather', input_schema: { type: 'object', properties: { city: { type: 'string' } } } }],
  tool_choice: { type: 'auto' },
  stop_sequences: ['END'],
  temperature: 0.5,
  metadata: { user_id: 'u' },
};

/** mulberry32: the same request for the same index. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const JUNK: unknown[] = [null, 0, -1, 1.5, 2 ** 53, '', 'x', true, [], {}, [null], { type: 'x' }, 'a'.repeat(70_000)];

/** Replaces, removes or nests one value at a random path of the valid request, 1–3 times. */
function mutated(index: number): string {
  const random = prng(index + 1);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  if (random() < 0.05) return pick(['{', '[]', 'null', '{"model":', '"text"', '{"a":1}}']);
  const body = structuredClone(VALID) as Record<string, unknown>;
  for (let n = 1 + Math.floor(random() * 3); n > 0; n--) {
    let node: Record<string, unknown> | unknown[] = body;
    for (let depth = 0; depth < 6; depth++) {
      const keys = Object.keys(node);
      if (keys.length === 0) break;
      const key = pick(keys);
      const child = (node as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null && random() < 0.6) {
        node = child as Record<string, unknown>;
        continue;
      }
      const roll = random();
      if (roll < 0.2) delete (node as Record<string, unknown>)[key];
      else if (roll < 0.3) (node as Record<string, unknown>)[key] = [[[[[child]]]]];
      else (node as Record<string, unknown>)[key] = pick(JUNK);
      break;
    }
  }
  return JSON.stringify(body);
}

function isAnthropicError(body: string): boolean {
  try {
    const parsed = JSON.parse(body) as { type?: unknown; error?: { type?: unknown; message?: unknown } };
    return (
      parsed.type === 'error' && typeof parsed.error?.type === 'string' && typeof parsed.error.message === 'string'
    );
  } catch {
    return false;
  }
}

describe('POST /v1/messages under malformed input', () => {
  const e2e = useFundedStack(1_000_000_000n, { BODY_LIMIT_BYTES: String(BODY_LIMIT_BYTES) });

  const post = async (body: string, headers: Record<string, string> = { 'x-api-key': e2e.team.apiKey }) => {
    const res = await request(`${e2e.stack.gatewayUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'anthropic-version': '2023-06-01', ...headers },
      body,
    });
    return { status: res.statusCode, body: await res.body.text() };
  };

  it('serves the valid request with x-api-key', async () => {
    const { status, body } = await post(JSON.stringify(VALID));
    expect(status).toBe(200);
    expect(JSON.parse(body)).toMatchObject({ type: 'message', model: 'gpt-4o-mini' });
  });

  it.each([
    ['no key', JSON.stringify(VALID), {}, 401, 'authentication_error'],
    ['a bad key', JSON.stringify(VALID), { 'x-api-key': 'sy_live_nope' }, 401, 'authentication_error'],
    ['invalid JSON', '{"model":', undefined, 400, 'invalid_request_error'],
    [
      'a body over the limit',
      JSON.stringify({ ...VALID, system: 'a'.repeat(BODY_LIMIT_BYTES) }),
      undefined,
      413,
      'request_too_large',
    ],
  ])('refuses %s at the ingress in Anthropic shape', async (_case, body, headers, status, type) => {
    const answer = await post(body, headers);
    expect(answer.status).toBe(status);
    expect(JSON.parse(answer.body)).toEqual({
      type: 'error',
      error: { type, message: expect.any(String) },
      request_id: expect.any(String),
    });
  });

  it(`answers ${REQUESTS} mutated bodies with a message or a 4xx in Anthropic shape, never a 5xx`, async () => {
    const failures: string[] = [];
    const byStatus = new Map<number, number>();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < REQUESTS) {
          const index = next++;
          const { status, body } = await post(mutated(index));
          byStatus.set(status, (byStatus.get(status) ?? 0) + 1);
          const ok = status === 200 || (status >= 400 && status < 500 && isAnthropicError(body));
          if (!ok) failures.push(`#${index} → ${status} ${body.slice(0, 200)}`);
        }
      }),
    );
    expect(failures).toEqual([]);
    expect(byStatus.get(400)).toBeGreaterThan(REQUESTS / 4);
  }, 240_000);
});
