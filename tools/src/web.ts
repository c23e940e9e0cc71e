// The web app beside the router: a production build of web/ (made when missing or older than its
// sources) served by `next start`, which forwards /graphql and /auth/* to the router (ROUTER_URL).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './compose.ts';
import type { Child } from './processes.ts';

export const WEB_DIR = `${ROOT}web`;
const NEXT_BIN = `${ROOT}node_modules/next/dist/bin/next`;
const STAMP = `${WEB_DIR}/.next/autolytiq-sources.sha256`;
// What the browser bundle is made of: the app, its config, and the calc engine it runs.
const SOURCES = [
  `${WEB_DIR}/src`,
  `${WEB_DIR}/next.config.ts`,
  `${WEB_DIR}/package.json`,
  `${WEB_DIR}/tsconfig.json`,
  `${ROOT}subgraphs/calc/src/engine`,
];

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .flatMap((e) => files(join(path, e.name)))
    .sort();
}

/** A hash of every source file's path and content. */
export function webSourceHash(): string {
  const hash = createHash('sha256');
  for (const file of SOURCES.flatMap(files)) {
    hash.update(file.slice(ROOT.length)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export function webBuildIsCurrent(): boolean {
  return (
    existsSync(`${WEB_DIR}/.next/BUILD_ID`) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, 'utf8') === webSourceHash()
  );
}

const LOCK = `${ROOT}node_modules/.cache/autolytiq-web-build.lock`;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** One build at a time into web/.next (npm start and a test run may both want one). */
async function withBuildLock<T>(fn: () => Promise<T>): Promise<T> {
  mkdirSync(`${ROOT}node_modules/.cache`, { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
      break;
    } catch {
      const owner = Number(readFileSync(LOCK, 'utf8') || 0);
      if (!owner || !alive(owner)) rmSync(LOCK, { force: true });
      else if (Date.now() > deadline) throw new Error(`web build lock held by ${owner}`);
      else await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK, { force: true });
  }
}

/** Runs `next build` unless the last build was made from the same sources. */
export async function ensureWebBuild(onLine?: (line: string) => void): Promise<boolean> {
  if (webBuildIsCurrent()) return false;
  return withBuildLock(async () => {
    if (webBuildIsCurrent()) return false; // built by whoever held the lock
    await build(onLine);
    return true;
  });
}

async function build(onLine?: (line: string) => void): Promise<void> {
  const hash = webSourceHash();
  rmSync(STAMP, { force: true });
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [NEXT_BIN, 'build'], {
      cwd: WEB_DIR,
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const tail: string[] = [];
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) {
        if (!line.trim()) continue;
        tail.push(line);
        if (tail.length > 60) tail.shift();
        onLine?.(line);
      }
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`next build failed (${code}):\n${tail.join('\n')}`)),
    );
  });
  writeFileSync(STAMP, hash);
}

/**
 * The production build on `port` (web/server.mjs: Next's request handler behind a server that sets
 * X-Forwarded-For to the browser's real address), forwarding API calls to `routerUrl`. Await it with
 * waitReady(child, url).
 */
export function startWeb(
  port: number,
  routerUrl: string,
  onLine?: (name: string, line: string) => void,
): Child {
  const child = spawn(process.execPath, [`${WEB_DIR}/server.mjs`], {
    cwd: WEB_DIR,
    env: {
      ...process.env,
      ROUTER_URL: routerUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      NEXT_TELEMETRY_DISABLED: '1',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      onLine?.('web', line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return { name: 'web', process: child, tail };
}
