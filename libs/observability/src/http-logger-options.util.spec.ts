import { Writable } from 'node:stream';
import pino from 'pino';
import { httpLoggerOptions } from './http-logger-options.util';

const API_KEY = 'sy_live_AbCdEfGhIjKlMnOpQrStUvWxYz012345abcdef';
const ADMIN_TOKEN = 'syadm_0123456789abcdefghijklmnopqrstuvwxyzABCDE';
const PROVIDER_KEY = 'provider-secret-value-42';

// Real: pino with the options both apps use, writing to memory. Faked: nothing.
function setup() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const options = httpLoggerOptions({ level: 'info', secrets: [PROVIDER_KEY, undefined], requestId: () => 'req-1' });
  const { genReqId: _g, customProps: _c, customLogLevel: _l, autoLogging: _a, ...loggerOptions } = options;
  const logger = pino(loggerOptions, sink);
  return { logger, options, output: () => lines.join('\n') };
}

describe(httpLoggerOptions.name, () => {
  it('masks keys, admin tokens, Authorization headers and provider keys in objects and messages', () => {
    const { logger, output } = setup();

    logger.info({ req: { headers: { authorization: `Bearer ${API_KEY}` } } }, 'request');
    logger.warn({ apiKey: API_KEY, nested: { deeper: { token: ADMIN_TOKEN, note: `key ${API_KEY}` } } }, 'fields');
    logger.error(`upstream said: invalid key ${PROVIDER_KEY}; sent Authorization: Bearer ${PROVIDER_KEY}`);
    logger.error({ err: new Error(`rejected ${ADMIN_TOKEN}`) }, 'boom');
    logger.info({ env: { OPENAI_API_KEY: 'sk-proj-abcdefghijklmnopqrstuvwxyz', ADMIN_TOKEN } }, 'config');

    const text = output();
    for (const secret of [API_KEY, ADMIN_TOKEN, PROVIDER_KEY, 'sk-proj-abcdefghijklmnopqrstuvwxyz'])
      expect(text).not.toContain(secret);
    expect(text).toContain('[redacted]');
    // What is not secret stays readable.
    expect(text).toContain('upstream said: invalid key');
    expect(text).toContain('"msg":"boom"');
  });

  it('logs requests without their headers, apart from harmless ones', () => {
    const { options } = setup();
    const serialize = (options.serializers as Record<string, (v: unknown) => unknown>).req;

    const logged = serialize({
      id: 'req-1',
      method: 'POST',
      url: '/v1/chat/completions',
      headers: {
        authorization: `Bearer ${API_KEY}`,
        'x-admin-token': ADMIN_TOKEN,
        'user-agent': 'curl/8',
        'content-length': '12',
      },
    });

    expect(logged).toEqual({
      id: 'req-1',
      method: 'POST',
      url: '/v1/chat/completions',
      userAgent: 'curl/8',
      contentLength: '12',
    });
  });
});
