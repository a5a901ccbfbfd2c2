// Generates the Prisma client into libs/db/src/generated. Runs as `postinstall`, so it must work
// offline on a clean clone: the CLI downloads a schema-engine binary at start unless
// PRISMA_SCHEMA_ENGINE_BINARY names an existing file, and `generate` never runs that engine
// (the client it writes needs no binary either: it runs on @prisma/adapter-pg).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const prismaCli = fileURLToPath(new URL('../node_modules/prisma/build/index.js', import.meta.url));

if (!existsSync(prismaCli)) {
  // `npm ci --omit=dev` (a runtime image) has no CLI; the client must come from the build stage.
  console.warn(
    'prisma-generate: the prisma CLI is not installed (dev dependencies omitted); skipping client generation.',
  );
  process.exit(0);
}

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
  CHECKPOINT_DISABLE: '1',
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};

const result = spawnSync(process.execPath, [prismaCli, 'generate', '--schema', 'prisma/schema.prisma'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
if (result.error) throw result.error;
process.exit(result.status ?? 1);
