// Each child's output, line by line, behind its name, so three apps can share one terminal.
import { createInterface } from 'node:readline';

const COLORS = { simulator: 35, billing: 33, gateway: 36, build: 90, migrate: 34, seed: 32, stack: 1 };
const WIDTH = Math.max(...Object.keys(COLORS).map((name) => name.length));

export function label(name) {
  const text = name.padEnd(WIDTH);
  return process.stdout.isTTY ? `\x1b[${COLORS[name] ?? 0}m${text}\x1b[0m │` : `${text} │`;
}

export function say(message, name = 'stack') {
  for (const line of String(message).split('\n')) console.log(`${label(name)} ${line}`);
}

/** Prefixes every line of a child's stdout and stderr; `onLine` sees each line unprefixed. */
export function pipeOutput(child, name, onLine = () => {}) {
  const pipe = (stream, write) => {
    if (!stream) return;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      onLine(line);
      write(`${label(name)} ${line}\n`);
    });
  };
  pipe(child.stdout, (text) => process.stdout.write(text));
  pipe(child.stderr, (text) => process.stderr.write(text));
}
