import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Module boundaries: apps -> libs, never the reverse; scopes never cross.
const depConstraints = [
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:contracts', 'type:util', 'type:testing'],
  },
  {
    sourceTag: 'type:data-access',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:contracts', 'type:util'],
  },
  { sourceTag: 'type:domain', onlyDependOnLibsWithTags: ['type:domain', 'type:contracts', 'type:util'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:data-access', 'type:domain', 'type:contracts', 'type:util'],
  },
  { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:gateway', 'scope:shared'] },
  { sourceTag: 'scope:billing', onlyDependOnLibsWithTags: ['scope:billing', 'scope:shared'] },
  { sourceTag: 'scope:simulator', onlyDependOnLibsWithTags: ['scope:simulator', 'scope:shared'] },
  { sourceTag: 'scope:ops', onlyDependOnLibsWithTags: ['scope:ops', 'scope:shared'] },
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  // Pure libraries stay free of I/O clients.
  {
    sourceTag: 'type:contracts',
    bannedExternalImports: ['bullmq', 'ioredis', '@prisma/*', 'pg', 'undici', '@nestjs/*'],
  },
  { sourceTag: 'type:domain', bannedExternalImports: ['bullmq', 'ioredis', '@prisma/*', 'pg', 'undici'] },
];

// Libraries' integration specs may use the test kit (private servers a fault test stops and freezes).
const depConstraintsForLibSpecs = depConstraints.map((constraint) =>
  constraint.sourceTag === 'type:data-access'
    ? { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:testing'] }
    : constraint,
);

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
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': ['error', { enforceBuildableLibDependency: false, allow: [], depConstraints }],
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
    files: ['libs/**/*.int-spec.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: false, allow: [], depConstraints: depConstraintsForLibSpecs },
      ],
    },
  },
  {
    files: ['libs/db/**/*.ts', 'libs/credits/**/*.ts', 'libs/testing/**/*.ts', 'prisma/**/*.ts'],
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
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
