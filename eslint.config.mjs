import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const pureDomainBans = [
  '@nestjs/*',
  'typeorm',
  'pg',
  'express',
  'graphql',
  'ioredis',
  'openai',
  'stripe',
];

/**
 * Module boundaries. `testTags` is added to what every kind of project may
 * import: tests of any project may use the test-support lib.
 */
function moduleBoundaries(testTags) {
  const may = (...tags) => [...tags, ...testTags];
  return {
    allow: [],
    enforceBuildableLibDependency: false,
    depConstraints: [
      // Apps compose libs; nothing may import an app.
      {
        sourceTag: 'type:app',
        onlyDependOnLibsWithTags: [
          'type:composition',
          'type:feature',
          'type:platform',
          'type:domain',
          'type:test',
        ],
      },
      {
        sourceTag: 'type:composition',
        onlyDependOnLibsWithTags: may('type:feature', 'type:platform', 'type:domain'),
      },
      // A bounded context may use the platform and pure domain code, and other contexts' public APIs.
      {
        sourceTag: 'type:feature',
        onlyDependOnLibsWithTags: may('type:feature', 'type:platform', 'type:domain'),
      },
      // Infrastructure knows no bounded context.
      { sourceTag: 'type:platform', onlyDependOnLibsWithTags: may('type:platform', 'type:domain') },
      // Pure domain code: no framework, no ORM, no I/O library.
      {
        sourceTag: 'type:domain',
        onlyDependOnLibsWithTags: may('type:domain'),
        bannedExternalImports: pureDomainBans,
      },
      { sourceTag: 'type:test', onlyDependOnLibsWithTags: ['type:platform', 'type:domain'] },
    ],
  };
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
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries([])],
    },
  },
  {
    // Tests may reach into jest's loosely typed matchers.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/test/**/*.ts', '**/__tests__/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': ['error', moduleBoundaries(['type:test'])],
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
