import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Redis } from 'ioredis';
import { LuaCommands } from './lua-commands.util';

// Real: the files (a temporary directory per spec) and ioredis' client object (never connected).
const dirs: string[] = [];

function scripts(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'switchyard-lua-'));
  dirs.push(dir);
  for (const [path, source] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), source);
  }
  return dir;
}

const offline = () => new Redis({ lazyConnect: true, enableOfflineQueue: false });

afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe(LuaCommands.name, () => {
  it('names each command after its file and takes its key count from it', () => {
    const dir = scripts({ 'place-hold-4.lua': 'return 1\n', 'rate-limit-2.lua': 'return 2\n', 'notes.txt': '' });
    const { commands } = new LuaCommands(dir, ['placeHold', 'rateLimit']);
    expect([...commands].sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'placeHold', numberOfKeys: 4, lua: 'return 1\n' },
      { name: 'rateLimit', numberOfKeys: 2, lua: 'return 2\n' },
    ]);
  });

  it('puts each include in place of its first marker, nested ones first and each once', () => {
    const dir = scripts({
      'includes/clock.lua': 'local function now() return 1 end\n',
      'includes/state.lua': '--- @include "clock"\nlocal function held() return now() end\n',
      'run-1.lua': '-- header\n--- @include "includes/clock"\n--- @include "includes/state.lua"\nreturn held()\n',
    });
    const [command] = new LuaCommands(dir, ['run']).commands;
    expect(command.lua).toBe(
      '-- header\nlocal function now() return 1 end\n\nlocal function held() return now() end\nreturn held()\n',
    );
  });

  it('refuses an include cycle, a missing include and a set that does not match the files', () => {
    const cycle = scripts({ 'a-1.lua': '--- @include "b"\n', 'b.lua': '--- @include "a-1"\n' });
    expect(() => new LuaCommands(cycle, ['a'])).toThrow('Lua include cycle: a-1.lua -> b.lua -> a-1.lua');
    expect(() => new LuaCommands(scripts({ 'a-1.lua': '--- @include "gone"\n' }), ['a'])).toThrow(/ENOENT/);
    expect(() => new LuaCommands(scripts({ 'a-1.lua': '', 'b-1.lua': '' }), ['a', 'c'])).toThrow(
      /missing c; unexpected b/,
    );
  });

  it('defines every command on a client once, and refuses a name the client already uses', () => {
    const redis = offline();
    const commands = new LuaCommands(scripts({ 'place-hold-4.lua': 'return 1\n' }), ['placeHold']);
    commands.define(redis);
    const defined = (redis as unknown as Record<string, unknown>).placeHold;
    commands.define(redis);
    expect((redis as unknown as Record<string, unknown>).placeHold).toBe(defined);
    expect(typeof defined).toBe('function');

    const other = new LuaCommands(scripts({ 'place-hold-4.lua': 'return 2\n' }), ['placeHold']);
    expect(() => other.define(redis)).toThrow('Cannot define Lua command placeHold');
    const builtin = new LuaCommands(scripts({ 'get-1.lua': 'return 3\n' }), ['get']);
    expect(() => builtin.define(offline())).toThrow('Cannot define Lua command get');
  });

  it('refuses a call with the wrong number of keys before it reaches Redis', () => {
    const redis = offline();
    const commands = new LuaCommands(scripts({ 'place-hold-4.lua': 'return 1\n' }), ['placeHold']);
    commands.define(redis);
    expect(() => commands.run(redis, 'placeHold', ['a', 'b'], [])).toThrow('placeHold takes 4 keys, got 2');
  });
});
