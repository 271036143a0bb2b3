import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Lint rules that carry the architecture: dependencies point routes → service → repository, routes never
 * touch the database, and no module reaches into another module's repository.
 */
const layering = [
  {
    files: ['server/src/modules/**/*.routes.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/*.repository', '**/*.repository.ts'],
              message: 'Routes call services, never repositories.',
            },
            {
              group: ['**/db/database', '**/db/schema', 'kysely'],
              message: 'Routes never touch the database: call a service.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/modules/**/*.repository.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/*.service', '**/*.routes', 'fastify', '**/http/**'],
              message: 'Repositories know nothing of services or HTTP.',
            },
            {
              group: ['../*/*.repository'],
              message: 'A module never reaches into another module’s repository: call its service.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/modules/**/*.service.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/*.routes', 'fastify', '**/http/**'], message: 'Services know nothing of HTTP.' },
            {
              group: ['../*/*.repository'],
              message: 'A module never reaches into another module’s repository: call its service.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['fastify', '**/http/**', '**/*.routes'], message: 'core/ knows nothing of HTTP.' },
          ],
        },
      ],
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}', 'contracts/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', 'kysely', 'better-sqlite3', 'pg'],
              message: 'The web client and contracts never import server code.',
            },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', 'data/**', 'coverage/**', 'bench/results/**', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly' },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-empty-object-type': 'off',
      eqeqeq: ['error', 'always'],
      'no-console': 'off',
      'no-undef': 'off',
    },
  },
  ...layering,
);
