import { defineConfig, globalIgnores } from 'eslint/config'
import nextVitals from 'eslint-config-next/core-web-vitals'
import nextTs from 'eslint-config-next/typescript'

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    '.next/**',
    '.next-e2e/**',
    '.next-reliability/**',
    '.next-bench/**',
    '.data/**',
    'node_modules/**',
    'sanity/types.ts',
    'test-results/**',
    'playwright-report/**',
    'next-env.d.ts',
  ]),
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    // The layers only point down: the store never imports the local stand-ins, and they never import the store.
    files: ['app/**', 'components/**', 'lib/**', 'sanity/**'],
    ignores: ['**/*.test.ts', 'lib/test/**'], // tests (and their helpers) may start the local services they exercise
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/services/**', '@/services/**'],
              message: 'The app meets local services over HTTP only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['services/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@/*', '**/lib/**', '**/app/**', '**/components/**', '**/sanity/**'],
              message: 'Local services import nothing from the store.',
            },
          ],
        },
      ],
    },
  },
])
