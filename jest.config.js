// @ts-check
const { readFileSync } = require('node:fs');

const swcrc = JSON.parse(readFileSync(`${__dirname}/.swcrc`, 'utf8'));
// .mjs too: unit specs of the scripts (scripts/**/*.spec.ts) load their ES modules.
const transform = { '^.+\\.(t|j|mj)s$': ['@swc/jest', { ...swcrc, swcrc: false }] };
// Every @switchyard alias as tsconfig.base.json maps it.
const { paths } = JSON.parse(readFileSync(`${__dirname}/tsconfig.base.json`, 'utf8')).compilerOptions;
const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target}`]),
);
const common = {
  rootDir: __dirname,
  setupFiles: ['reflect-metadata'],
  transform,
  moduleNameMapper,
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
};

// Unit specs are pure and run in parallel. E2E and integration specs talk to the real
// Postgres and Redis, in a database and key prefix created for this run
// (libs/testing/src/global-setup.ts).
/** @type {import('jest').Config} */
module.exports = {
  // A global option: jest ignores it inside `projects`.
  testTimeout: 60000,
  projects: [
    // deploy/: the Kubernetes manifests and the dashboards and alerts, checked as data.
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,deploy,scripts}/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'e2e',
      testMatch: [
        '<rootDir>/apps/**/test/**/*.e2e-spec.ts',
        '<rootDir>/libs/**/*.int-spec.ts',
        '<rootDir>/prisma/**/*.int-spec.ts',
        '<rootDir>/scripts/**/*.int-spec.ts',
      ],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/global-teardown.ts',
    },
  ],
};
