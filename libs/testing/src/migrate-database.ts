import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '../../..');

/** Applies prisma/migrations to `databaseUrl` the way `npm run db:migrate` does (the wasm schema engine). */
export function migrateDatabase(databaseUrl: string): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      ['--experimental-wasm-modules', '--no-warnings', 'scripts/prisma-migrate.mjs', 'deploy'],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, DATABASE_URL: databaseUrl },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk));
    child.on('error', fail);
    child.on('exit', (code) =>
      code === 0 ? done() : fail(new Error(`prisma-migrate deploy failed (exit ${code}):\n${output}`)),
    );
  });
}
