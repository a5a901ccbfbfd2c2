#!/usr/bin/env node
// `npm start`: the whole stack on this machine against the local Postgres and Redis. Builds dist/,
// applies migrations, seeds (printing the demo API key), starts simulator, billing and gateway,
// waits until each listens, then prints how to call it. Ctrl-C or SIGTERM stops all and exits 0.
// An app that dies on its own is restarted alone (AppSupervisor); one that dies before it ever
// listened, or crashes more than STACK_RESTARTS_PER_MINUTE times a minute, stops the stack (exit 1).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from './build.mjs';
import { AppSupervisor } from './stack/app-supervisor.mjs';
import { NODE_ARGS } from './stack/app-runtime.mjs';
import { outputQuiet, say, strong } from './stack/output.mjs';
import { isListening } from './stack/ports.mjs';
import { ProcessGroup } from './stack/process-group.mjs';
import { readyBanner } from './stack/ready-banner.mjs';
import { RestartBudget } from './stack/restart-budget.mjs';
import { APPS, appPort, restartsPerMinute, stackEnv } from './stack/stack-env.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const DEMO_KEY_LINE = /Demo API key:\s*(sy_(?:live|test)_\S+)/;
const NODE = process.execPath;

const { env, generatedAdminToken } = stackEnv(process.env);
const group = new ProcessGroup({ cwd: ROOT, env });
let shuttingDown = false;
const supervisors = [];

async function shutdown(exitCode, reason) {
  if (shuttingDown) return;
  shuttingDown = true;
  say(reason);
  for (const supervisor of supervisors) supervisor.stop();
  await group.stopAll(STOP_TIMEOUT_MS);
  say(exitCode === 0 ? 'Stopped.' : 'Stopped after a failure.');
  process.exit(exitCode);
}

/** Fails fast instead of "finding" another stack's app on the port we are about to poll. */
async function assertPortsFree() {
  for (const app of APPS) {
    const port = appPort(app, env);
    if (await isListening(port))
      throw new Error(
        `port ${port} (${app.portVar}) is already in use: is another stack running? Set ${app.portVar} to another port.`,
      );
  }
}

function superviseApp(app, perMinute) {
  const supervisor = new AppSupervisor({
    name: app.name,
    port: appPort(app, env),
    spawn: () =>
      group.start(app.name, NODE, [
        '--enable-source-maps',
        ...NODE_ARGS[app.name],
        `dist/apps/${app.name}/src/main.js`,
      ]),
    budget: new RestartBudget({ perMinute }),
    readyTimeoutMs: READY_TIMEOUT_MS,
    onGiveUp: (reason) => void shutdown(1, `${reason}; stopping the stack.`),
  });
  supervisors.push(supervisor);
  return supervisor;
}

async function main() {
  const perMinute = restartsPerMinute(env);
  await assertPortsFree();
  await build({ log: (line) => say(line, 'build') });
  // Same as `npm run db:migrate`, without npm in between (signals reach node directly).
  await group.run('migrate', NODE, [
    '--experimental-wasm-modules',
    '--no-warnings',
    'scripts/prisma-migrate.mjs',
    'deploy',
  ]);
  // The compiled seed (the one the Docker image runs), not `npm run db:seed`: no TS loader needed.
  const seedLines = await group.run('seed', NODE, ['--enable-source-maps', 'dist/prisma/seed.js']);
  const demoKey = seedLines.map((line) => DEMO_KEY_LINE.exec(line)?.[1]).find(Boolean) ?? env.DEMO_API_KEY;
  if (demoKey) say(`\n>>> ${strong(`Demo API key: ${demoKey}`)}\n`, 'seed');
  for (const app of APPS) {
    if (shuttingDown) return;
    await superviseApp(app, perMinute).start();
  }
  await outputQuiet();
  say(readyBanner({ env, demoKey, generatedAdminToken, emphasize: strong }));
}

process.on('SIGINT', () => void shutdown(0, 'SIGINT: stopping the stack…'));
process.on('SIGTERM', () => void shutdown(0, 'SIGTERM: stopping the stack…'));
main().catch((err) => shutdown(1, `Cannot start the stack: ${err instanceof Error ? err.message : err}`));
