// Starts ONE PostgreSQL for the whole test run (unless TEST_DATABASE_URL names a server) and hands
// its URL to the test files through vitest's provide/inject; see tools/src/test-database.ts.
import { readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, stopOrphanedPostgres } from './tools/src/embedded-postgres.ts';
import './tools/src/test-database.ts'; // the ProvidedContext type

const ROOT = path.resolve(import.meta.dirname, '.data/test-pg');

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const external = process.env.TEST_DATABASE_URL;
  if (external) {
    project.provide('testDatabaseServerUrl', external);
    return;
  }
  // One folder per run, so two runs in the same tree (two engineers, watch mode + CI) do not wipe
  // each other's server. Folders of finished runs are wiped here, at the next start, rather than at
  // the end, so a failed run leaves its data to inspect.
  await wipeFinishedRuns();
  const dataDir = path.join(ROOT, `run-${process.pid}`);
  await rm(dataDir, { recursive: true, force: true });
  const server = await startEmbeddedPostgres({ dataDir, port: 0, ephemeral: true });
  project.provide('testDatabaseServerUrl', server.url);
  return () => server.stop();
}

async function wipeFinishedRuns(): Promise<void> {
  const entries = await readdir(ROOT).catch(() => [] as string[]);
  for (const entry of entries) {
    const pid = Number(/^run-(\d+)$/.exec(entry)?.[1]);
    if (pid && isRunning(pid)) continue;
    // A run killed hard leaves its postmaster running: stop it before deleting its folder.
    await stopOrphanedPostgres(path.join(ROOT, entry)).catch(() => undefined);
    await rm(path.join(ROOT, entry), { recursive: true, force: true });
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
