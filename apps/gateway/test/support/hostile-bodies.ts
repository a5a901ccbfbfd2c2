import { gzipSync } from 'node:zlib';
import { request } from 'undici';

const HEAD = '{"model":"gpt-4o-mini","messages":[{"role":"user","content":"hi"}]';

/**
 * A valid chat request of about `bytes` bytes whose ignored `metadata` field is one array nested
 * as deep as the size allows: cheap to send, ~45 bytes of heap per byte once JSON.parse has it.
 */
export function deeplyNestedBody(bytes: number): Buffer {
  const depth = Math.floor((bytes - HEAD.length - 13) / 2);
  return Buffer.from(`${HEAD},"metadata":${'['.repeat(depth)}${']'.repeat(depth)}}`);
}

/** A valid chat request of about `bytes` bytes, nearly all of them one long string in the ignored `metadata`. */
export function bulkyBody(bytes: number): Buffer {
  const text = 'lorem ipsum '.repeat(Math.ceil(bytes / 12)).slice(0, bytes - HEAD.length - 15);
  return Buffer.from(`${HEAD},"metadata":"${text}"}`);
}

/** gzip at the highest ratio: ~1 KB on the wire per MB of a repetitive body. */
export const gzipped = (body: Buffer): Buffer => gzipSync(body, { level: 9 });

export interface Answer {
  /** 0 when no answer came (connection refused or reset). */
  status: number;
  body: string;
}

/** POSTs a body to the chat route; a failed connection is an answer with status 0, not a throw. */
export async function postChat(gatewayUrl: string, body: Buffer, headers: Record<string, string>): Promise<Answer> {
  try {
    const res = await request(`${gatewayUrl}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
    return { status: res.statusCode, body: await res.body.text() };
  } catch (err) {
    return { status: 0, body: String(err) };
  }
}
