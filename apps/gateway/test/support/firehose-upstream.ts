import { once } from 'node:events';
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fake OpenAI-compatible upstream that streams `chunks` content chunks of `chunkText` as fast as
 * its socket lets it, then a usage chunk and [DONE]: what it managed to write shows how much the
 * gateway pulled while its own client was not reading.
 */
export interface FirehoseUpstream {
  /** The base URL to give the gateway as SIMULATED_PROVIDER_URL. */
  url: string;
  /** Content chunks written so far. */
  written(): number;
  /** Responses closed before they finished (the gateway aborted the call). */
  aborted(): number;
  close(): void;
}

const event = (body: object) =>
  `data: ${JSON.stringify({ id: 'fh', object: 'chat.completion.chunk', created: 0, model: 'fh', ...body })}\n\n`;

function drainedOrClosed(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}

export async function startFirehose(chunks: number, chunkText: string): Promise<FirehoseUpstream> {
  let written = 0;
  let aborted = 0;
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    res.on('close', () => {
      if (!res.writableFinished) aborted++;
    });
    req.resume();
    req.on('end', async () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (let i = 0; i < chunks; i++) {
        const delta = { content: chunkText };
        const ok = res.write(
          event({ choices: [{ index: 0, delta, finish_reason: i === chunks - 1 ? 'stop' : null }] }),
        );
        written++;
        if (!ok) await drainedOrClosed(res);
        if (res.destroyed) return;
      }
      const usage = { prompt_tokens: 10, completion_tokens: chunks, total_tokens: chunks + 10 };
      res.write(event({ choices: [], usage }));
      res.end('data: [DONE]\n\n');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    written: () => written,
    aborted: () => aborted,
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

/**
 * Posts a chat completion to the gateway over node:http and resolves with the response unread, so the spec decides
 * when (and whether) the stream is read: fetch would keep reading on its own.
 */
export async function openChatStream(gatewayUrl: string, apiKey: string, body: object): Promise<IncomingMessage> {
  const req = request({
    host: '127.0.0.1',
    port: new URL(gatewayUrl).port,
    path: '/v1/chat/completions',
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
  });
  req.end(JSON.stringify(body));
  const [res] = (await once(req, 'response')) as [IncomingMessage];
  return res;
}
