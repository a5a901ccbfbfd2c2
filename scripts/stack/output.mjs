// Each child's output, line by line, behind its name, so three apps can share one terminal. At a
// terminal the apps' JSON log lines are shown formatted for a person (log-formatter.mjs);
// anywhere else (a pipe, a file, CI) every line passes through exactly as the app wrote it.
import { createInterface } from 'node:readline';
import { createLogFormatter } from './log-formatter.mjs';

const COLORS = { simulator: 35, billing: 33, gateway: 36, build: 90, migrate: 34, seed: 32, stack: 1 };
const WIDTH = Math.max(...Object.keys(COLORS).map((name) => name.length));
const format = process.stdout.isTTY ? createLogFormatter({ colorize: true }) : (line) => line;

export function label(name) {
  const text = name.padEnd(WIDTH);
  return process.stdout.isTTY ? `\x1b[${COLORS[name] ?? 0}m${text}\x1b[0m │` : `${text} │`;
}

export function say(message, name = 'stack') {
  for (const line of String(message).split('\n')) console.log(`${label(name)} ${line}`);
}

/** Prefixes every line of a child's stdout and stderr; `onLine` sees each line as the child wrote it. */
export function pipeOutput(child, name, onLine = () => {}) {
  const pipe = (stream, write) => {
    if (!stream) return;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      onLine(line);
      for (const shown of format(line).split('\n')) write(`${label(name)} ${shown}\n`);
    });
  };
  pipe(child.stdout, (text) => process.stdout.write(text));
  pipe(child.stderr, (text) => process.stderr.write(text));
}
