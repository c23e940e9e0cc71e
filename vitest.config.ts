import { defineConfig } from 'vitest/config';

// One runner for the whole monorepo. Unit tests live in each package's test/ folder, cross-subgraph
// tests in tests/. The global setup provides a PostgreSQL server (embedded unless TEST_DATABASE_URL).
export default defineConfig({
  test: {
    include: ['subgraphs/*/test/**/*.test.ts', 'router/test/**/*.test.ts', 'tools/test/**/*.test.ts', 'tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['./vitest.global-setup.ts'],
  },
});
