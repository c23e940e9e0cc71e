import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// One runner for the whole monorepo. Unit tests live in each package's test/ folder, cross-subgraph
// tests in tests/. The global setup provides a PostgreSQL server (embedded unless TEST_DATABASE_URL).
export default defineConfig({
  // graphql 16 ships ESM (.mjs, picked by Vite) and CJS (.js, picked by Node for the Apollo packages).
  // Two copies break instanceof checks, so tests load the same file Node does.
  resolve: { alias: [{ find: /^graphql$/, replacement: require.resolve('graphql') }] },
  test: {
    include: [
      'subgraphs/*/test/**/*.test.ts',
      'router/test/**/*.test.ts',
      'tools/test/**/*.test.ts',
      'tests/**/*.test.ts',
      'web/test/**/*.test.ts',
    ],
    testTimeout: 30_000,
    // A beforeAll that starts the whole system waits up to 90 s per process (tools/src/processes.ts).
    hookTimeout: 180_000,
    pool: 'forks',
    globalSetup: ['./vitest.global-setup.ts', './tools/src/web-global-setup.ts'],
    reporters: ['default', './tools/src/summary-reporter.ts'],
  },
});
