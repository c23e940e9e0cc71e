import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '.data/**',
      '.bench-peers/**',
      '**/dist/**',
      '**/generated/**',
      'test-output/**',
      '.nx/**',
      '**/.next/**',
      '**/.next-builds/**',
      'web/next-env.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // Import boundaries (docs/platform-contract.md): a subgraph imports no other subgraph's code but the
  // calc engine's entry; the router only the light kit; tests reach tools through its package export.
  {
    files: ['subgraphs/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@autolytiq/(?!kit$|kit/core$|calc$)',
              message:
                'A subgraph imports only @autolytiq/kit (or kit/core) and the calc engine (@autolytiq/calc); ask other subgraphs through the graph.',
            },
            {
              regex:
                '^(\\.\\./)+(admin|auth|calc|customers|deals|inventory|kit|ai|ml|router|tools|web|tests)/',
              message:
                'Reach another package through its export (@autolytiq/…), never by a relative path.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['router/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@autolytiq/(?!kit/core$)',
              message:
                'The router imports only @autolytiq/kit/core (no database, no subgraph code).',
            },
            {
              regex: '^(\\.\\./)+(subgraphs|tools|web|tests)/',
              message: 'The router reaches no other package by a relative path.',
            },
          ],
        },
      ],
    },
  },
  {
    files: [
      'tests/**/*.ts',
      'subgraphs/*/test/**/*.ts',
      // A subgraph's evaluation harness runs like its tests (scripted endpoint, test database).
      'subgraphs/*/eval/**/*.ts',
      'router/test/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(\\.\\./)+tools/',
              message:
                'Tests use the tools through their package export: @autolytiq/tools/<file>.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // GraphQL responses in tests (and the evaluation's fixture graph) are checked by assertions.
    files: ['tests/**/*.ts', '**/test/**/*.ts', 'subgraphs/*/eval/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
