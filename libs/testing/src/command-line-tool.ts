import { spawnSync } from 'node:child_process';

export interface ToolRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command-line tool a spec depends on (kubectl, docker-compose). A missing tool fails the
 * spec, saying how to install it, instead of skipping it: .ci/run installs each one.
 */
export function runTool(
  command: string,
  args: readonly string[],
  options: { install: string; cwd?: string; env?: NodeJS.ProcessEnv },
): ToolRun {
  const result = spawnSync(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if ((result.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT')
    throw new Error(`${command} is not installed (this spec needs it, and .ci/run installs it): ${options.install}`);
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
