import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('.', import.meta.url)),
      // Tests load server modules as Next's server build does, where `server-only` is the
      // package's empty module (Next's own Jest preset maps it the same way).
      'server-only': fileURLToPath(new URL('node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    include: ['{lib,services,sanity,scripts}/**/*.test.ts'],
    // One PostgreSQL server for the run; test files that need commerce data make a database on it.
    globalSetup: ['lib/test/postgres.global.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Each lake test file runs its own server process; two at a time suits a 2-core machine.
    maxWorkers: 2,
  },
})
