#!/usr/bin/env node
// The reference the overhead rows are read against: the least a Node gateway can do. node:http in,
// one keep-alive undici pool out (unbounded, as the gateway's), the body passed through unread (a stream as it arrives) (no auth, no holds, no usage
// event, no logging). What it adds over a direct call is what one Node hop costs on this machine.
// Run: PORT=0 UPSTREAM_URL=http://127.0.0.1:<port> node bench/bare-proxy.mjs  (prints "listening <port>")
import { once } from 'node:events';
import { createServer } from 'node:http';
import { Pool } from 'undici';

const upstream = new Pool(process.env.UPSTREAM_URL, { keepAliveTimeout: 30_000 });

const server = createServer((req, res) => {
  const parts = [];
  req.on('data', (d) => parts.push(d));
  req.on('end', () => {
    upstream
      .request({
        path: req.url,
        method: req.method,
        headers: { 'content-type': 'application/json' },
        body: Buffer.concat(parts),
      })
      .then(async ({ statusCode, headers, body }) => {
        if (headers['content-type']?.startsWith('text/event-stream')) {
          // A stream is relayed as it arrives, one write per read, with backpressure.
          res.writeHead(statusCode, { 'content-type': headers['content-type'], 'cache-control': 'no-cache' });
          for await (const piece of body) if (!res.write(piece)) await once(res, 'drain');
          res.end();
          return;
        }
        const payload = Buffer.from(await body.arrayBuffer());
        res
          .writeHead(statusCode, {
            'content-type': headers['content-type'] ?? 'application/json',
            'content-length': payload.length,
          })
          .end(payload);
      })
      .catch(() => res.writeHead(502).end());
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log(`listening ${server.address().port}`));
