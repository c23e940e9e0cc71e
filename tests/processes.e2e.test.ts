// Subgraph processes as an operator sees them: configuration checked at start, health, readiness and
// metrics endpoints, and a clean exit on SIGTERM.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { ROOT } from '@autolytiq/tools/compose.ts';
import { freePort } from '@autolytiq/tools/embedded-postgres.ts';
import { startChild, waitReady } from '@autolytiq/tools/processes.ts';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.drop();
});

describe('configuration', () => {
  it('a missing or invalid variable stops the process with a message naming it', () => {
    const run = spawnSync(`${ROOT}node_modules/.bin/tsx`, ['subgraphs/admin/src/main.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', SUBGRAPH_SECRET: 'short', PORT: 'eighty' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toMatch(/DATABASE_URL/);
    expect(run.stderr).toMatch(/SUBGRAPH_SECRET: must be at least 16 characters/);
    expect(run.stderr).toMatch(/PORT/);
  });
});

describe('a running subgraph', () => {
  it('serves /health, /ready and /metrics, and exits 0 on SIGTERM', async () => {
    const port = await freePort();
    const child = startChild('admin', 'subgraphs/admin/src/main.ts', {
      DATABASE_URL: database.url,
      SUBGRAPH_SECRET: 'a-test-secret-of-24-chars',
      PORT: String(port),
      LOG_LEVEL: 'info',
    });
    const base = `http://127.0.0.1:${port}`;
    await waitReady(child, `${base}/ready`);
    expect(await (await fetch(`${base}/health`)).json()).toEqual({
      status: 'ok',
      service: 'admin',
    });
    // One operation so the counters have something to count (refused: no token, but counted).
    await fetch(`${base}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-subgraph-secret': 'a-test-secret-of-24-chars',
      },
      body: JSON.stringify({ query: 'query Probe { myDealership { id } }' }),
    });
    const metrics = await (await fetch(`${base}/metrics`)).text();
    expect(metrics).toMatch(
      /graphql_operations_total\{[^}]*operation="Probe"[^}]*outcome="UNAUTHENTICATED"/,
    );
    expect(metrics).toContain('process_cpu_user_seconds_total');
    const logLine = child.tail.find((l) => l.includes('"operationName":"Probe"'));
    expect(JSON.parse(logLine!)).toMatchObject({
      service: 'admin',
      operationName: 'Probe',
      errorCodes: ['UNAUTHENTICATED'],
    });
    expect(JSON.parse(logLine!).requestId).toEqual(expect.any(String));
    const exited = new Promise<number | null>((resolve) =>
      child.process.once('exit', (code) => resolve(code)),
    );
    child.process.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(child.tail.join('\n')).toMatch(/admin subgraph stopped/);
  });
});
