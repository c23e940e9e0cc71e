// The embedded server used by `npm start` and the test run: real processes in a private temp folder.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type RunningPostgres } from '../src/embedded-postgres.ts';

let root: string;
let dataDir: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'autolytiq-pg-')); // 0700: start() must cope with that
  dataDir = path.join(root, 'nested', 'data');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function query(url: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('startEmbeddedPostgres', () => {
  let server: RunningPostgres | undefined;
  afterAll(() => server?.stop());

  it('initialises a new folder, listens on a free port, and gives a superuser URL', async () => {
    server = await startEmbeddedPostgres({ dataDir, port: 0, ephemeral: true });
    expect(server.port).toBeGreaterThan(0);
    const [row] = await query(
      server.url,
      'select current_setting($$server_version_num$$)::int as v, rolsuper from pg_roles where rolname = current_user',
    );
    expect(row).toEqual({ v: expect.any(Number), rolsuper: true });
    await query(server.url, 'create table kept (x int); insert into kept values (42)');
  });

  it('refuses a folder that a running server of this process is using', async () => {
    await expect(startEmbeddedPostgres({ dataDir, port: 0 })).rejects.toThrow(/in use/);
  });

  it('stops cleanly and keeps the data for the next start', async () => {
    const { port } = server!;
    await server!.stop();
    server = undefined;
    await expect(readFile(path.join(dataDir, 'postmaster.pid'))).rejects.toThrow(/ENOENT/);
    await expect(
      query(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`, 'select 1'),
    ).rejects.toThrow();
    server = await startEmbeddedPostgres({ dataDir, port: 0 });
    expect(await query(server.url, 'select x from kept')).toEqual([{ x: 42 }]);
  });

  it('starts over a stale postmaster.pid left by a crash', async () => {
    await server!.stop();
    server = undefined;
    // A crashed run leaves the file behind; its pid may by now belong to an unrelated process (here: us).
    const stale = `${process.pid}\n${dataDir}\n0\n5432\n\n127.0.0.1\n0 0\nready\n`;
    await writeFile(path.join(dataDir, 'postmaster.pid'), stale);
    server = await startEmbeddedPostgres({ dataDir, port: 0 });
    expect(await query(server.url, 'select x from kept')).toEqual([{ x: 42 }]);
  });

  it('takes over from a server orphaned by a killed parent', async () => {
    await server!.stop();
    server = undefined;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures/start-postgres.ts'), dataDir],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const [chunk] = (await once(child.stdout, 'data')) as [Buffer];
    const orphanUrl = chunk.toString().trim();
    expect(await query(orphanUrl, 'select x from kept')).toEqual([{ x: 42 }]);
    child.kill('SIGKILL'); // like a crash: no chance to stop its server
    await once(child, 'exit');
    server = await startEmbeddedPostgres({ dataDir, port: 0 });
    expect(await query(server.url, 'select x from kept')).toEqual([{ x: 42 }]);
    await expect(query(orphanUrl, 'select 1')).rejects.toThrow(); // the orphan was shut down
  });

  it('leaves SIGTERM to the caller when asked to', async () => {
    await server!.stop();
    server = undefined;
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'fixtures/start-postgres.ts'),
        dataDir,
        'own-signals',
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    while (!out.includes('\n')) await once(child.stdout, 'data');
    const url = out.trim();
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    // The package's own handler would have exited with 143 before the app's shutdown finished.
    expect({ code, out: out.split('\n').slice(1) }).toEqual({
      code: 0,
      out: ['app drained with the database up', 'database stopped', ''],
    });
    await expect(query(url, 'select 1')).rejects.toThrow();
  });
});
