// Vitest global setup: builds the web app (when its sources changed) BEFORE any test file starts.
// Built inside the browser test instead, `next build` (a minute of both cores) would starve the
// other end-to-end files' subgraphs while they start. Skipped when the run is filtered to files
// that cannot include the browser tests.
import { ensureWebBuild } from './web.ts';

const WEB_TESTS = 'tests/web.e2e.test.ts';

function runIncludesWebTests(argv: string[]): boolean {
  const filters = argv.filter(
    (a, i) => !a.startsWith('-') && a !== 'run' && !/^-/.test(argv[i - 1] ?? ''),
  );
  return filters.length === 0 || filters.some((f) => WEB_TESTS.includes(f) || f.includes('web'));
}

export default async function setup(): Promise<void> {
  if (!runIncludesWebTests(process.argv.slice(2))) return;
  const started = Date.now();
  if ((await ensureWebBuild()).built)
    console.log(`web app built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
