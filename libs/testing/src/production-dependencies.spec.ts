import { builtinModules } from 'node:module';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { transformSync } from '@swc/core';

// The image installs `dependencies` only (Dockerfile, prod-deps): each package the shipped code
// loads must be one of them, and each of them must be loaded by shipped code (build and test
// tools are devDependencies). Shipped: what scripts/build.mjs compiles into dist/ (apps/*/src,
// libs/*/src but the specs-only libs/testing, prisma/*.ts) and the migration scripts the image
// copies. Each file goes through swc as the build compiles it, so type-only imports drop out.
// apps/console is not among them: Vite bundles it (React and all) into static files at build time.

const ROOT = join(__dirname, '..', '..', '..');
const SKIPPED_FILE = /(\.spec|\.int-spec|\.e2e-spec|\.d)\.ts$/;
const SKIPPED_DIR = new Set(['test', 'node_modules', '__fixtures__']);
/** Dependencies a package loads by name rather than our code. */
const LOADED_BY_PACKAGES: Record<string, string> = {
  '@nestjs/platform-express': "NestFactory's default HTTP adapter",
};

const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIR.has(entry.name) ? [] : walk(path);
    return /\.(ts|mjs)$/.test(entry.name) && !SKIPPED_FILE.test(entry.name) ? [path] : [];
  });
}

const projectSources = (root: string) =>
  readdirSync(join(ROOT, root), { withFileTypes: true })
    .filter((project) => project.isDirectory() && !['libs/testing', 'apps/console'].includes(`${root}/${project.name}`))
    .flatMap((project) => walk(join(ROOT, root, project.name, 'src')));

const shippedFiles = [
  ...projectSources('apps'),
  ...projectSources('libs'),
  ...walk(join(ROOT, 'prisma')).filter((file) => !file.includes('/migrations/')),
  join(ROOT, 'scripts/prisma-migrate.mjs'),
  ...walk(join(ROOT, 'scripts/prisma')),
];

/** `@scope/name/deep/path` → `@scope/name`, `name/deep` → `name`. */
const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');
const isPackage = (specifier: string) =>
  !specifier.startsWith('.') &&
  !specifier.startsWith('node:') &&
  !specifier.startsWith('@switchyard/') &&
  !builtinModules.includes(specifier);

/** The packages a file loads once compiled: its `require("…")` calls after swc. */
function packagesLoadedBy(file: string): string[] {
  const { code } = transformSync(readFileSync(file, 'utf8'), {
    filename: file,
    swcrc: false,
    configFile: false,
    jsc: {
      parser: file.endsWith('.ts') ? { syntax: 'typescript', decorators: true } : { syntax: 'ecmascript' },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  });
  return [...code.matchAll(/require\("([^"]+)"\)/g)]
    .map((m) => m[1])
    .filter(isPackage)
    .map(packageOf);
}

const loadedBy = new Map<string, string[]>();
beforeAll(() => {
  for (const file of shippedFiles)
    for (const name of packagesLoadedBy(file))
      loadedBy.set(name, [...(loadedBy.get(name) ?? []), relative(ROOT, file)]);
});

describe('production dependencies (package.json "dependencies")', () => {
  it('reads the shipped sources of every app, the libraries, the seed and the migration scripts', () => {
    const files = shippedFiles.map((file) => relative(ROOT, file));
    expect(files).toEqual(
      expect.arrayContaining([
        'apps/gateway/src/main.ts',
        'apps/billing/src/main.ts',
        'apps/simulator/src/main.ts',
        'apps/ops-cli/src/main.ts',
        'libs/db/src/generated/client.ts',
        'prisma/seed.ts',
        'scripts/prisma-migrate.mjs',
        'scripts/prisma/schema-engine.mjs',
      ]),
    );
    expect(files.filter((file) => file.startsWith('libs/testing/') || SKIPPED_FILE.test(file))).toEqual([]);
  });

  it('hold every package the shipped code loads', () => {
    const undeclared = [...loadedBy]
      .filter(([name]) => dependencies[name] === undefined)
      .map(([name, files]) => `${name} (${files[0]})`);
    expect(undeclared).toEqual([]);
  });

  it('hold only packages the shipped code loads (tools for the build, scripts and tests are devDependencies)', () => {
    const unused = Object.keys(dependencies).filter((name) => !loadedBy.has(name) && !(name in LOADED_BY_PACKAGES));
    expect(unused).toEqual([]);
    expect(Object.keys(LOADED_BY_PACKAGES).filter((name) => dependencies[name] === undefined)).toEqual([]);
  });
});
