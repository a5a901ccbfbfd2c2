#!/usr/bin/env node
// Compiles apps/*/src and libs/*/src (including the generated Prisma client) and prisma/*.ts (the
// seed) to dist/ with swc, keeping the source tree's layout: apps/gateway/src/main.ts →
// dist/apps/gateway/src/main.js, prisma/seed.ts → dist/prisma/seed.js. The compiled seed is what
// the Docker image runs: it has neither the TypeScript sources nor a TS loader.
// swc rather than esbuild/tsx because NestJS needs decorator metadata (see .swcrc).
// `@switchyard/<lib>` imports become relative paths through swc's jsc.paths, so dist/ runs
// with plain `node`, without a path-mapping loader.
// apps/console is the web console, a browser bundle: Vite builds it into dist/apps/console
// (apps/console/vite.config.mts, base /console/), which billing serves (CONSOLE_DIR).
import { copyFile, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { transformFile } from '@swc/core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'dist');
const PROJECT_ROOTS = ['apps', 'libs'];
/** Specs, test folders and type declarations never ship. */
const SKIPPED_FILE = /(\.spec|\.int-spec|\.e2e-spec|\.d)\.ts$/;
const SKIPPED_DIR = new Set(['test', 'node_modules', '__fixtures__']);
/** Projects that are not Node code for swc: the console is bundled by Vite (buildConsole). */
const BUNDLED_PROJECTS = new Set(['apps/console']);
const CONSOLE_CONFIG = join(ROOT, 'apps/console/vite.config.mts');
/** Files the running code reads besides its own modules (the generated client may ship some; Lua scripts, lua/*.lua). */
const ASSET = /\.(js|cjs|mjs|json|wasm|node|yaml|yml|sql|lua)$/;

async function walk(dir) {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return SKIPPED_DIR.has(entry.name) ? [] : walk(path);
      return entry.isFile() ? [path] : [];
    }),
  );
  return nested.flat();
}

/** Every `<root>/<project>/src` folder, e.g. apps/gateway/src, libs/db/src. */
async function projectSourceDirs() {
  const dirs = await Promise.all(
    PROJECT_ROOTS.map(async (root) => {
      const projects = await readdir(join(ROOT, root), { withFileTypes: true }).catch(() => []);
      return projects
        .filter((p) => p.isDirectory() && !BUNDLED_PROJECTS.has(`${root}/${p.name}`))
        .map((p) => join(ROOT, root, p.name, 'src'));
    }),
  );
  return dirs.flat();
}

/** prisma/*.ts (the seed); migrations are SQL that scripts/prisma-migrate.mjs reads in place. */
async function prismaScripts() {
  const entries = await readdir(join(ROOT, 'prisma'), { withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(ROOT, 'prisma', e.name));
}

async function swcOptions() {
  const swcrc = JSON.parse(await readFile(join(ROOT, '.swcrc'), 'utf8'));
  const tsconfig = JSON.parse(await readFile(join(ROOT, 'tsconfig.base.json'), 'utf8'));
  delete swcrc.$schema;
  return {
    ...swcrc,
    swcrc: false,
    configFile: false,
    sourceMaps: true,
    // swc needs an absolute baseUrl to turn the aliases into paths relative to each file.
    jsc: { ...swcrc.jsc, baseUrl: ROOT, paths: tsconfig.compilerOptions.paths, rewriteRelativeImportExtensions: true },
  };
}

async function compile(source, options) {
  const out = join(OUT_DIR, relative(ROOT, source)).replace(/\.ts$/, '.js');
  const outDir = dirname(out);
  const { code, map } = await transformFile(source, {
    ...options,
    filename: source,
    // The map points back at the .ts file so stack traces (node --enable-source-maps) name it.
    sourceFileName: relative(outDir, source),
  });
  // swc leaves an alias alone when it cannot resolve it; that would only fail at run time.
  const unresolved = code.match(/require\("(@switchyard\/[^"]+)"\)/);
  if (unresolved)
    throw new Error(`${relative(ROOT, source)}: cannot resolve ${unresolved[1]} (is it in tsconfig.base.json paths?)`);
  await mkdir(outDir, { recursive: true });
  await Promise.all([
    writeFile(out, `${code}\n//# sourceMappingURL=${basename(out)}.map\n`),
    writeFile(`${out}.map`, map),
  ]);
}

async function copyAsset(source) {
  const out = join(OUT_DIR, relative(ROOT, source));
  await mkdir(dirname(out), { recursive: true });
  await copyFile(source, out);
}

/** The console's static files into dist/apps/console; returns their count. */
export async function buildConsole() {
  const { build: viteBuild } = await import('vite');
  // React's production build whatever NODE_ENV the caller runs with (jest sets "test"; the
  // development build is larger and slower), restored afterwards for the caller's own children.
  const callers = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    const output = await viteBuild({ configFile: CONSOLE_CONFIG, logLevel: 'warn' });
    return [output].flat().reduce((n, o) => n + ('output' in o ? o.output.length : 0), 0);
  } finally {
    if (callers === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = callers;
  }
}

/** Builds everything into dist/ from scratch; returns what it did. */
export async function build({ log = console.log } = {}) {
  const started = performance.now();
  const options = await swcOptions();
  const files = (await Promise.all((await projectSourceDirs()).map(walk))).flat();
  const isSource = (f) => f.endsWith('.ts') && !SKIPPED_FILE.test(f);
  const sources = [...files.filter(isSource), ...(await prismaScripts()).filter(isSource)];
  const assets = files.filter((f) => !f.endsWith('.ts') && ASSET.test(f));
  await rm(OUT_DIR, { recursive: true, force: true });
  await Promise.all([...sources.map((f) => compile(f, options)), ...assets.map(copyAsset)]);
  const consoleFiles = await buildConsole();
  const ms = Math.round(performance.now() - started);
  log(
    `build: ${sources.length} modules, ${assets.length} assets, console (${consoleFiles} files) → ${relative(process.cwd(), OUT_DIR) || '.'}/ in ${ms} ms`,
  );
  return { sources: sources.length, assets: assets.length, consoleFiles, ms };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  build().catch((err) => {
    console.error(`build failed: ${err?.message ?? err}`);
    process.exitCode = 1;
  });
}
