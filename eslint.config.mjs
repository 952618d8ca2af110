import { createProjectGraphAsync } from '@nx/devkit';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import boundaries from './tools/lint/module-boundaries.js';

const { moduleBoundaries } = boundaries;

// `@nx/enforce-module-boundaries` reads Nx's cached project graph and skips
// itself when there is none (a clean clone, a plain `eslint .`). Build it from
// the sources first, unless an Nx task runs us (Nx has just built it).
if (!process.env.NX_TASK_TARGET_PROJECT) {
  await createProjectGraphAsync({ exitOnError: true });
}

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.data/**',
      'tmp/**',
      '.nx/**',
      '**/*.js',
      '**/*.mjs',
      // Generated from schema.graphql by `npm run codegen:web` (CI checks it is current).
      'apps/web/src/gql/**',
      '**/*.cjs',
    ],
  },
  ...tseslint.configs.recommendedTypeChecked,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ forTests: false })],
    },
  },
  {
    // Tests may use the test-support lib and reach into jest's loosely typed matchers.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/test/**/*.ts', '**/__tests__/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries({ forTests: true })],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    // The web app: React + TypeScript under its own tsconfig (DOM, bundler
    // resolution). Not an Nx project: it reaches the API only over GraphQL,
    // so it imports no lib and the module-boundary rule has nothing to check.
    files: ['apps/web/**/*.ts', 'apps/web/**/*.tsx', 'apps/web/**/*.mts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { attributes: false } },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/require-await': 'off',
      '@nx/enforce-module-boundaries': 'off',
    },
  },
);
