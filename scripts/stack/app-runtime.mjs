// How every app process runs, the same in the Dockerfile, docker-compose.yml, `npm start` and the
// bench (a spec checks the Docker side against these files).
import { readFileSync } from 'node:fs';

const readConfig = (name) => JSON.parse(readFileSync(new URL(`../../config/${name}`, import.meta.url), 'utf8'));

/** Per-app Node flags (config/node-args.json). */
export const NODE_ARGS = readConfig('node-args.json');

/** Environment variables every app process runs with (config/runtime-env.json). */
export const RUNTIME_ENV = readConfig('runtime-env.json');
