// Types for the specs (TypeScript) that import log-formatter.mjs (plain JavaScript, run by node).
/** Returns `format(line)`: the text to show for one line of an app's output, without a final newline. */
export function createLogFormatter(options: { colorize: boolean }): (line: string) => string;
