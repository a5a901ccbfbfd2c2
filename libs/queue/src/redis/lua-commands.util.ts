import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { RedisClient } from './create-redis.util';

/** One script as ioredis' defineCommand takes it. */
export interface LuaCommand {
  name: string;
  numberOfKeys: number;
  lua: string;
}

/** `place-hold-4.lua`: command `placeHold`, called with 4 keys (BullMQ's `<name>-<keys>.lua`). */
const COMMAND_FILE = /^([a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*)-(\d+)\.lua$/;
/** A line `--- @include "includes/credit-state"`: that file (relative to this one, `.lua` implied) goes here. */
const INCLUDE = /^--- @include "([^"]+)"[ \t]*$/gm;

type Runner = (...keysAndArgs: string[]) => Promise<unknown>;

/**
 * A library's Lua scripts, read once from `.lua` files in `dir` (at module load, never per call)
 * and registered on each ioredis client with defineCommand, as BullMQ does with its
 * `src/commands`. A call is then one round trip: ioredis sends EVAL with the script the first
 * time a connection runs it and EVALSHA after that, and retries as EVAL on NOSCRIPT (a Redis that
 * restarted or flushed its scripts); with auto-pipelining it joins the tick's pipeline like any
 * command. Shared helpers live in `includes/` and are pulled in by `--- @include` lines, each at
 * most once per script, before the script's own code.
 */
export class LuaCommands<Name extends string> {
  private readonly byName = new Map<string, LuaCommand>();

  constructor(
    private readonly dir: string,
    names: readonly Name[],
  ) {
    for (const file of readdirSync(dir)) {
      const match = COMMAND_FILE.exec(file);
      if (!match) continue;
      const name = match[1].replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
      this.byName.set(name, {
        name,
        numberOfKeys: Number(match[2]),
        lua: this.resolve(join(dir, file), [], new Set()),
      });
    }
    const missing = names.filter((name) => !this.byName.has(name));
    const unknown = [...this.byName.keys()].filter((name) => !names.includes(name as Name));
    if (missing.length > 0 || unknown.length > 0)
      throw new Error(
        `Lua commands in ${dir}: missing ${missing.join(', ') || '-'}; unexpected ${unknown.join(', ') || '-'}`,
      );
  }

  /** The commands with their includes resolved: what Redis runs. */
  get commands(): readonly LuaCommand[] {
    return [...this.byName.values()];
  }

  /**
   * Registers every command on `redis` (once per client; calling it again is a no-op). A name
   * ioredis already uses for something else is refused rather than silently replaced.
   */
  define(redis: RedisClient): void {
    const defined = redis.scriptsSet as Record<string, { lua: string } | undefined>;
    for (const { name, numberOfKeys, lua } of this.byName.values()) {
      if (defined[name]?.lua === lua) continue;
      if (name in redis) throw new Error(`Cannot define Lua command ${name}: the Redis client already has it`);
      redis.defineCommand(name, { numberOfKeys, lua });
    }
  }

  /** Runs a command registered on `redis` by define(). */
  run(redis: RedisClient, name: Name, keys: readonly string[], args: readonly string[]): Promise<unknown> {
    const command = this.byName.get(name) as LuaCommand;
    if (keys.length !== command.numberOfKeys)
      throw new RangeError(`${name} takes ${command.numberOfKeys} keys, got ${keys.length}`);
    return (redis as unknown as Record<Name, Runner>)[name](...keys, ...args);
  }

  /**
   * The file's source with each include in place of its first marker (resolved the same way);
   * `included` spans the whole script, so a helper two includes share is inlined only once.
   */
  private resolve(file: string, stack: readonly string[], included: Set<string>): string {
    if (stack.includes(file)) {
      const chain = [...stack, file].map((f) => relative(this.dir, f)).join(' -> ');
      throw new Error(`Lua include cycle: ${chain}`);
    }
    return readFileSync(file, 'utf8').replace(INCLUDE, (_, path: string) => {
      const target = join(dirname(file), path.endsWith('.lua') ? path : `${path}.lua`);
      if (included.has(target)) return '';
      included.add(target);
      return this.resolve(target, [...stack, file], included).trimEnd();
    });
  }
}
