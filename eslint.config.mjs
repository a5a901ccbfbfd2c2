import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// Module boundaries: apps -> libs, never the reverse; scopes never cross.
// Scopes say which process loads a library. scope:billing holds what only billing may load:
// libs/db (the Prisma client) and the libraries built on it (libs/ledger, libs/admin). The
// gateway and the shared libraries can only reach scope:shared, so the gateway never loads
// Prisma, not even its types (`import type` is checked like any import).

/** Which kinds of library each kind may use; `extra` widens every entry (see the spec override below). */
function typeConstraints(extra = []) {
  const allowed = {
    'type:app': ['type:data-access', 'type:domain', 'type:contracts', 'type:util', 'type:testing'],
    'type:data-access': ['type:data-access', 'type:domain', 'type:contracts', 'type:util'],
    'type:domain': ['type:domain', 'type:contracts', 'type:util'],
    'type:util': ['type:util', 'type:contracts'],
    'type:contracts': ['type:contracts'],
    'type:testing': ['type:data-access', 'type:domain', 'type:contracts', 'type:util'],
  };
  return Object.entries(allowed).map(([sourceTag, tags]) => ({
    sourceTag,
    onlyDependOnLibsWithTags: [...new Set([...tags, ...extra])],
  }));
}

const bannedImports = [
  // Pure libraries stay free of I/O clients.
  {
    sourceTag: 'type:contracts',
    bannedExternalImports: ['bullmq', 'ioredis', '@prisma/*', 'pg', 'undici', '@nestjs/*'],
  },
  { sourceTag: 'type:domain', bannedExternalImports: ['bullmq', 'ioredis', '@prisma/*', 'pg', 'undici'] },
  // What the gateway loads reaches Postgres in plain SQL on a pg pool, never through Prisma.
  { sourceTag: 'scope:gateway', bannedExternalImports: ['@prisma/*'] },
  { sourceTag: 'scope:shared', bannedExternalImports: ['@prisma/*'] },
];

/** Which scopes a scope may use; `extra` widens every entry (see the spec override below). */
function scopeConstraints(extra = []) {
  const allowed = {
    'scope:gateway': ['scope:gateway', 'scope:shared'],
    'scope:billing': ['scope:billing', 'scope:shared'],
    'scope:simulator': ['scope:simulator', 'scope:shared'],
    'scope:ops': ['scope:ops', 'scope:shared'],
    'scope:shared': ['scope:shared'],
    // apps/console: a browser bundle that talks to billing over HTTP only, so it imports no server library.
    'scope:console': ['scope:console'],
    // libs/testing: the test kit, for specs only (nothing outside a spec may depend on it).
    'scope:testing': ['scope:testing', 'scope:shared', 'scope:billing'],
  };
  return Object.entries(allowed).map(([sourceTag, tags]) => ({
    sourceTag,
    onlyDependOnLibsWithTags: [...new Set([...tags, ...extra])],
  }));
}

const depConstraints = [...typeConstraints(), ...bannedImports, ...scopeConstraints()];
/**
 * Specs arrange the world they test: they may use the test kit (private servers, databases) and
 * billing's libraries (fund a team through LedgerService, read rows through Prisma) whatever
 * they test. Scopes are about what a deployed process loads, and specs never ship
 * (scripts/build.mjs skips them).
 */
const specDepConstraints = [
  ...typeConstraints(['type:testing']),
  ...bannedImports,
  ...scopeConstraints(['scope:testing', 'scope:billing']),
];
const moduleBoundaryOptions = (constraints) => ({
  enforceBuildableLibDependency: false,
  allow: [],
  depConstraints: constraints,
});
// *.test-util.ts: helpers beside the specs that share them (fake upstreams, fixtures of one lib).
const SPEC_FILES = ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.test-util.ts', 'apps/*/test/**/*.ts'];

const noDirectPrisma = {
  patterns: [
    {
      group: ['@prisma/client', '@prisma/client/*', '@prisma/adapter-pg'],
      message: 'Use @switchyard/db: it owns the Prisma client.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'libs/db/src/generated/**', '.nx/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaryOptions(depConstraints)],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', disallowTypeAnnotations: false, fixStyle: 'inline-type-imports' },
      ],
      'no-restricted-imports': ['error', noDirectPrisma],
      // Prettier owns line breaks; this rule flags the chains it wraps.
      'no-unexpected-multiline': 'off',
    },
  },
  {
    // Nest's DI reads constructor parameter types at run time: those imports must stay value imports.
    files: [
      '**/*.module.ts',
      '**/*.service.ts',
      '**/*.controller.ts',
      '**/*.guard.ts',
      '**/*.processor.ts',
      '**/*.filter.ts',
      '**/*.interceptor.ts',
      '**/*.middleware.ts',
      '**/*.provider.ts',
      '**/*.pipe.ts',
    ],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    files: SPEC_FILES,
    rules: { '@nx/enforce-module-boundaries': ['error', moduleBoundaryOptions(specDepConstraints)] },
  },
  {
    // One named error class per condition (libs/contracts/src/errors), so each is raised one way
    // everywhere; nothing throws Nest's HttpExceptions (the filters map the named errors).
    files: ['libs/**/*.ts', 'apps/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='SwitchyardError']",
          message: 'Throw a named error (InvalidRequestError, NotFoundError, …); add one to libs/contracts/src/errors.',
        },
        {
          selector: 'ThrowStatement > NewExpression[callee.name=/Exception$/]',
          message: "Throw Switchyard's named errors, not Nest's HttpExceptions: the filters map them.",
        },
      ],
    },
  },
  {
    files: ['libs/db/**/*.ts', 'libs/ledger/**/*.ts', 'libs/testing/**/*.ts', 'prisma/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The test kit is for specs only.
    files: ['apps/**/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...noDirectPrisma.patterns,
            { group: ['@switchyard/testing'], message: 'Test helpers are for specs only.' },
          ],
        },
      ],
    },
  },
  {
    // The web console runs in a browser; React's rules of hooks hold there.
    files: ['apps/console/src/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
