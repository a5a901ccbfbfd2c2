// Each child's output, line by line, behind its name, so three apps can share one terminal. At a
// terminal the apps' JSON log lines are shown formatted for a person (log-formatter.mjs);
// anywhere else (a pipe, a file, CI) every line passes through exactly as the app wrote it.
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLogFormatter } from './log-formatter.mjs';

const COLORS = { simulator: 35, billing: 33, gateway: 36, build: 90, migrate: 34, seed: 32, stack: 1 };
const WIDTH = Math.max(...Object.keys(COLORS).map((name) => name.length));
const format = process.stdout.isTTY ? createLogFormatter({ colorize: true }) : (line) => line;
/** When a child last wrote a line. */
let lastLineAt = 0;

export function label(name) {
  const text = name.padEnd(WIDTH);
  return process.stdout.isTTY ? `\x1b[${COLORS[name] ?? 0}m${text}\x1b[0m │` : `${text} │`;
}

export function say(message, name = 'stack') {
  for (const line of String(message).split('\n')) console.log(`${label(name)} ${line}`);
}

/** Text that must stand out (the secrets the ready banner prints): bold at a terminal. */
export function strong(text) {
  return process.stdout.isTTY ? `\x1b[1m${text}\x1b[0m` : text;
}

/**
 * Resolves once no child has written a line for `quietMs` from now on (or after `maxMs`), so what
 * is said next is not buried under boot lines still on their way: the gateway flushes its
 * buffered log every 500 ms (apps/gateway/src/http/http-logger.ts), after it already listens.
 */
export async function outputQuiet({ quietMs = 700, maxMs = 3000 } = {}) {
  const since = Date.now();
  const deadline = since + maxMs;
  while (Date.now() - Math.max(lastLineAt, since) < quietMs && Date.now() < deadline) await sleep(50);
}

/** Prefixes every line of a child's stdout and stderr; `onLine` sees each line as the child wrote it. */
export function pipeOutput(child, name, onLine = () => {}) {
  const pipe = (stream, write) => {
    if (!stream) return;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      lastLineAt = Date.now();
      onLine(line);
      for (const shown of format(line).split('\n')) write(`${label(name)} ${shown}\n`);
    });
  };
  pipe(child.stdout, (text) => process.stdout.write(text));
  pipe(child.stderr, (text) => process.stderr.write(text));
}
