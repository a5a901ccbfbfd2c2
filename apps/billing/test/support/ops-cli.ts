import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { AdminStack } from './admin-stack';

export interface OpsRun {
  code: number | null;
  /** stdout and stderr together, as an operator sees them. */
  out: string;
  stdout: string;
}

/** The ops CLI as a process from its sources, against this stack (ADMIN_URL, ADMIN_TOKEN). */
export function opsCli(stack: AdminStack, token = stack.rootToken) {
  return (...args: string[]): Promise<OpsRun> =>
    new Promise((done) => {
      const child = spawn(process.execPath, ['-r', '@swc-node/register', 'apps/ops-cli/src/main.ts', ...args], {
        cwd: resolve(__dirname, '../../../..'),
        env: { ...process.env, ADMIN_URL: stack.url, ADMIN_TOKEN: token },
      });
      let out = '';
      let stdout = '';
      child.stdout.on('data', (d: Buffer) => ((out += d), (stdout += d)));
      child.stderr.on('data', (d: Buffer) => (out += d));
      child.on('exit', (code) => done({ code, out, stdout }));
    });
}
