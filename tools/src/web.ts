// The web app beside the router: a production build of web/ (made when missing or older than its
// sources) served by web/server.mjs, which forwards /graphql and /auth/* to the router (ROUTER_URL).
// Each build goes into its own folder named by the hash of its sources (web/.next-builds/<hash>), so a
// build made while `npm start` serves an older one (a test run, an edit) never replaces files under
// the running server; the server is told its folder (AUTOLYTIQ_WEB_DIST_DIR, read by next.config.ts).
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
import { join, relative } from 'node:path';
import { ROOT } from './compose.ts';
import type { Child } from './processes.ts';

export const WEB_DIR = `${ROOT}web`;
const NEXT_BIN = `${ROOT}node_modules/next/dist/bin/next`;
/** Where next.config.ts takes its distDir from (relative to web/). */
export const WEB_DIST_ENV = 'AUTOLYTIQ_WEB_DIST_DIR';
const BUILDS = `${WEB_DIR}/.next-builds`;
/** Builds kept besides the newest (a server started a while ago may still serve one of them). */
const KEEP_BUILDS = 3;
/** Written last into a build's folder: a folder without it is a build that did not finish. */
const COMPLETE = 'autolytiq-complete';
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

/** The folder (relative to web/) a build of the current sources goes to. */
export function webBuildDir(hash = webSourceHash()): string {
  return relative(WEB_DIR, `${BUILDS}/${hash.slice(0, 16)}`);
}

export function webBuildIsCurrent(distDir = webBuildDir()): boolean {
  return existsSync(`${WEB_DIR}/${distDir}/${COMPLETE}`);
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

/** One build at a time (npm start and a test run may both want one; two builds starve two cores). */
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

export interface WebBuild {
  /** Whether this call built it (false: a build of the same sources was there). */
  built: boolean;
  /** Its folder, relative to web/ (give it to startWeb / the server as AUTOLYTIQ_WEB_DIST_DIR). */
  distDir: string;
}

/** Runs `next build` into the sources' own folder unless that build is there already. */
export async function ensureWebBuild(onLine?: (line: string) => void): Promise<WebBuild> {
  const distDir = webBuildDir();
  if (webBuildIsCurrent(distDir)) return { built: false, distDir };
  return withBuildLock(async () => {
    // Built by whoever held the lock.
    if (webBuildIsCurrent(distDir)) return { built: false, distDir };
    await build(distDir, onLine);
    pruneBuilds(distDir);
    return { built: true, distDir };
  });
}

/** Drops all but the newest builds (never `current`); an unfinished one is dropped too. */
function pruneBuilds(current: string): void {
  const folders = readdirSync(BUILDS)
    .map((name) => `${BUILDS}/${name}`)
    .filter((path) => relative(WEB_DIR, path) !== current)
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  for (const path of folders.slice(KEEP_BUILDS)) rmSync(path, { recursive: true, force: true });
}

async function build(distDir: string, onLine?: (line: string) => void): Promise<void> {
  mkdirSync(BUILDS, { recursive: true });
  // `next build` rewrites next-env.d.ts and tsconfig.json to point at its distDir: the committed
  // ones stay as they are (tsconfig.json is also a source of the hash: a rewrite would mean a rebuild).
  const committed = [`${WEB_DIR}/next-env.d.ts`, `${WEB_DIR}/tsconfig.json`]
    .filter((file) => existsSync(file))
    .map((file) => ({ file, text: readFileSync(file) }));
  try {
    await runNextBuild(distDir, onLine);
  } finally {
    for (const { file, text } of committed) writeFileSync(file, text);
  }
  writeFileSync(`${WEB_DIR}/${distDir}/${COMPLETE}`, new Date().toISOString());
}

function runNextBuild(distDir: string, onLine?: (line: string) => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [NEXT_BIN, 'build'], {
      cwd: WEB_DIR,
      env: {
        ...process.env,
        NEXT_TELEMETRY_DISABLED: '1',
        NODE_ENV: 'production',
        [WEB_DIST_ENV]: distDir,
      },
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
  distDir = webBuildDir(),
): Child {
  const child = spawn(process.execPath, [`${WEB_DIR}/server.mjs`], {
    cwd: WEB_DIR,
    env: {
      ...process.env,
      ROUTER_URL: routerUrl,
      PORT: String(port),
      HOST: '127.0.0.1',
      [WEB_DIST_ENV]: distDir,
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
