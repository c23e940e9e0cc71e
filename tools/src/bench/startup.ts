// `npm start` to router ready: runs tools/src/start.ts as `npm start` does, in a fresh data folder
// (cold: initdb, migrations, seed) and again on the same folder (warm), timing until /ready answers.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ROOT } from '../compose.ts';
import { freePort } from '../embedded-postgres.ts';

async function timeOneStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(`${ROOT}node_modules/.bin/tsx`, ['tools/src/start.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr.on('data', (c: Buffer) => (output += c.toString()));
  try {
    // Generous: on two busy cores the cold start (initdb, migrations, demo seed, seven processes
    // compiling their TypeScript) can pass a minute; the figure is what matters, not a budget.
    const deadline = Date.now() + 240_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`start exited:\n${output}`);
      const ok = await fetch(`http://127.0.0.1:${port}/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return performance.now() - started;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`not ready within 240 s:\n${output}`);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGINT');
    await exited;
  }
}

export async function benchStartup(): Promise<{ coldMs: number; warmMs: number }> {
  const dataDir = mkdtempSync(`${tmpdir()}/autolytiq-bench-start-`);
  chmodSync(dataDir, 0o755);
  try {
    const coldMs = await timeOneStart(dataDir);
    const warmMs = await timeOneStart(dataDir);
    return { coldMs, warmMs };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
