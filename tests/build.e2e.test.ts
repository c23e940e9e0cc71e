// `npm run build` (tools/src/build.ts): the server side compiled to plain JavaScript runs under plain
// Node — a compiled subgraph answers /ready against a real database and GraphQL, a compiled router
// checks its configuration — and a second build of the same sources is the same folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import {
  CURRENT,
  compiledManifest,
  ensureServerBuild,
  rewriteImports,
  type ServerBuild,
} from '@autolytiq/tools/build.ts';
import { freePort } from '@autolytiq/tools/embedded-postgres.ts';
import { startChild, stopChild, waitReady } from '@autolytiq/tools/processes.ts';
import { createTestDatabase, type TestDatabase } from '@autolytiq/tools/test-database.ts';

let build: ServerBuild;
let database: TestDatabase;
beforeAll(async () => {
  [build, database] = await Promise.all([ensureServerBuild(), createTestDatabase()]);
}, 180_000);
afterAll(async () => {
  await database?.drop();
});

describe('the compiled output', () => {
  it('rewrites relative .ts imports only', () => {
    expect(
      rewriteImports(
        `import { a } from "./a.ts";\nexport * from '../b/c.ts';\nconst m = await import("./d.ts");\nimport x from "pkg.ts";\nimport "./side.ts";`,
      ),
    ).toBe(
      `import { a } from "./a.js";\nexport * from '../b/c.js';\nconst m = await import("./d.js");\nimport x from "pkg.ts";\nimport "./side.js";`,
    );
    expect(
      compiledManifest({ exports: { '.': './src/index.ts', './core': './src/core.ts' } }),
    ).toEqual({ exports: { '.': './src/index.js', './core': './src/core.js' } });
  });

  it('is one folder per source hash, pointed at by dist/current, with no .ts import left', async () => {
    expect(existsSync(`${build.dir}/router/src/main.js`)).toBe(true);
    expect(realpathSync(CURRENT)).toBe(realpathSync(build.dir));
    const again = await ensureServerBuild();
    expect(again).toMatchObject({ dir: build.dir, built: false });
    const kit = readFileSync(`${build.dir}/subgraphs/kit/src/index.js`, 'utf8');
    expect(kit).not.toMatch(/from\s*["']\.[^"']*\.ts["']/);
  });

  it('a compiled router checks its configuration and names what is missing', () => {
    const run = spawnSync(process.execPath, [`${build.dir}/router/src/main.js`], {
      env: { PATH: process.env.PATH, PORT: '0' },
      encoding: 'utf8',
      timeout: 140_000,
    });
    expect(run.status).toBe(78);
    expect(run.stderr).toMatch(/SUBGRAPH_AUTH_SECRET/);
  }, 150_000);

  it('a compiled subgraph migrates, gets ready and answers GraphQL', async () => {
    const port = await freePort();
    const child = startChild('admin', `${build.dir}/subgraphs/admin/src/main.js`, {
      DATABASE_URL: database.url,
      SUBGRAPH_SECRET: 'a-test-secret-of-24-chars',
      PORT: String(port),
      LOG_LEVEL: 'warn',
    });
    try {
      // Plain node, not tsx.
      expect(child.process.spawnargs.some((a) => a.includes('tsx'))).toBe(false);
      await waitReady(child, `http://127.0.0.1:${port}/ready`);
      const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-subgraph-secret': 'a-test-secret-of-24-chars',
        },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      });
      const body = (await res.json()) as { data?: { _service: { sdl: string } } };
      expect(body.data?._service.sdl).toMatch(/type Dealership/);
    } finally {
      await stopChild(child);
    }
  }, 150_000);
});
