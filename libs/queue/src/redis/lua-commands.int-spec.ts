import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startPrivateRedis, type PrivateServer } from '@switchyard/testing';
import { LuaCommands } from './lua-commands.util';

// Real: a redis-server of this spec's own (SCRIPT FLUSH must not disturb other specs), ioredis
// with auto-pipelining as the gateway runs it. Nothing faked.
describe(`${LuaCommands.name} on Redis`, () => {
  let server: PrivateServer;
  let redis: Redis;
  let dir: string;
  let commands: LuaCommands<'incrBy'>;

  /** How often Redis ran each scripting command (INFO commandstats), e.g. { eval: 1, evalsha: 9 }. */
  async function scriptCalls(): Promise<Record<string, number>> {
    const info = await redis.info('commandstats');
    const calls = [...info.matchAll(/^cmdstat_(eval|evalsha|script\|\w+):calls=(\d+)/gm)];
    return Object.fromEntries(calls.map(([, name, n]) => [name, Number(n)]));
  }

  beforeAll(async () => {
    server = await startPrivateRedis();
    redis = new Redis(server.url, { enableAutoPipelining: true });
    dir = mkdtempSync(join(tmpdir(), 'switchyard-lua-'));
    writeFileSync(join(dir, 'includes.lua'), 'local function by() return tonumber(ARGV[1]) end\n');
    writeFileSync(
      join(dir, 'incr-by-1.lua'),
      '--- @include "includes"\nreturn redis.call(\'INCRBY\', KEYS[1], by())\n',
    );
    commands = new LuaCommands(dir, ['incrBy']);
    commands.define(redis);
  });

  afterAll(async () => {
    await redis.quit();
    await server.destroy();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs every call as one command: the script the first time on a connection, its SHA after', async () => {
    await redis.config('RESETSTAT');
    const replies = await Promise.all(Array.from({ length: 10 }, () => commands.run(redis, 'incrBy', ['n'], ['2'])));
    expect([...replies].sort((a, b) => Number(a) - Number(b))).toEqual([2, 4, 6, 8, 10, 12, 14, 16, 18, 20]);
    expect(await scriptCalls()).toEqual({ eval: 1, evalsha: 9 });
  });

  it('runs the script again when Redis has lost it (NOSCRIPT)', async () => {
    await redis.script('FLUSH');
    await redis.config('RESETSTAT');
    await expect(commands.run(redis, 'incrBy', ['flushed'], ['5'])).resolves.toBe(5);
    expect(await scriptCalls()).toEqual({ eval: 1, evalsha: 1 });
  });
});
