import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..', '..', '..');
const APP = join(ROOT, 'apps/console');
/** Where `npm run build` puts the console, and what billing serves from CONSOLE_DIR. */
export const CONSOLE_DIST = join(ROOT, 'dist/apps/console');

function newestSource(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((newest, entry) => {
    if (entry.name === 'test' || entry.name === 'node_modules') return newest;
    const path = join(dir, entry.name);
    return Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }, 0);
}

/** Builds the console (as `npm run build` does) when dist/apps/console is missing or older than its sources. */
export function ensureConsoleBuilt(): string {
  const index = join(CONSOLE_DIST, 'index.html');
  if (!existsSync(index) || statSync(index).mtimeMs < newestSource(APP)) {
    execFileSync(
      process.execPath,
      [
        join(ROOT, 'node_modules/vite/bin/vite.js'),
        'build',
        '--config',
        join(APP, 'vite.config.mts'),
        '--logLevel',
        'warn',
      ],
      // jest sets NODE_ENV=test, which would give React's development build (twice the size).
      { cwd: ROOT, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
    );
  }
  return CONSOLE_DIST;
}
