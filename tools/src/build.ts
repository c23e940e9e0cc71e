// `npm run build`: the server side (router, every subgraph and the kit, tools/src) compiled to plain
// JavaScript, so production runs `node …/main.js` instead of compiling TypeScript at every start (tsx's
// loader also costs CPU per module load). Tests keep running the sources under tsx/vitest.
//
// Each build goes into its own folder named by the hash of its sources, dist/<hash>/, written under a
// temporary name and renamed when complete (a server started from an older build keeps its files);
// dist/current points at the newest. The folder mirrors the repository: <package>/src/**/*.js next to
// relative links to everything else of the package (schema.graphql, data/), `schema/` at the top, and
// dist/<hash>/node_modules/@autolytiq/* linking to the compiled packages, whose package.json `exports`
// name .js files. Every other import resolves up the tree to the repository's own node_modules.
//
// esbuild transforms each file on its own (no bundling: `import.meta.url` keeps meaning the file's
// place in the tree), with the same settings tsx uses, so the compiled code is the code the tests ran.
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { ROOT } from './compose.ts';

export const DIST = `${ROOT}dist`;
/** dist/current → the newest complete build. */
export const CURRENT = `${DIST}/current`;
/** Written last into a build's folder: a folder without it is not a build. */
const COMPLETE = '.autolytiq-build-complete';
/** Builds kept besides the newest (a server started a while ago may still run one of them). */
const KEEP_BUILDS = 3;

/** The packages compiled: folder (relative to the root) and whether it is a workspace package. */
export function serverPackages(): string[] {
  const subgraphs = readdirSync(`${ROOT}subgraphs`, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(`${ROOT}subgraphs/${e.name}/package.json`))
    .map((e) => `subgraphs/${e.name}`)
    .sort();
  return ['router', 'tools', ...subgraphs];
}

const isSource = (file: string) =>
  file.endsWith('.ts') && !file.endsWith('.d.ts') && !/\.(test|spec)\.ts$/.test(file);

function walk(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]))
    .sort();
}

function sourceFiles(): string[] {
  return serverPackages().flatMap((p) => walk(`${ROOT}${p}/src`).filter(isSource));
}

/** A hash of everything that decides the output: sources, package manifests, compiler settings. */
export function serverSourceHash(): string {
  const hash = createHash('sha256');
  const inputs = [
    ...sourceFiles(),
    ...serverPackages().map((p) => `${ROOT}${p}/package.json`),
    `${ROOT}tsconfig.base.json`,
    `${ROOT}tsconfig.json`,
    `${ROOT}node_modules/esbuild/package.json`,
    `${ROOT}tools/src/build.ts`,
  ];
  for (const file of inputs) {
    hash.update(relative(ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

// `from './x.ts'`, `import './x.ts'`, `import('./x.ts')`, `export … from '../y.ts'`: relative only.
const RELATIVE_TS = /((?:\bfrom|\bimport)\s*\(?\s*)(["'])(\.{1,2}\/[^"'\n]*?)\.ts\2/g;

/** Relative `.ts` import specifiers → `.js` (what `rewriteRelativeImportExtensions` does in tsc). */
export function rewriteImports(code: string): string {
  return code.replace(RELATIVE_TS, (_m, head: string, quote: string, path: string) => {
    return `${head}${quote}${path}.js${quote}`;
  });
}

/** package.json `exports` (and `main`) with every `.ts` file named as its compiled `.js`. */
export function compiledManifest(manifest: Record<string, unknown>): Record<string, unknown> {
  const swap = (value: unknown): unknown => {
    if (typeof value === 'string') return value.replace(/\.ts$/, '.js');
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, swap(v)]));
    }
    return value;
  };
  const out = { ...manifest };
  if ('exports' in out) out.exports = swap(out.exports);
  if (typeof out.main === 'string') out.main = swap(out.main);
  return out;
}

function link(target: string, at: string): void {
  mkdirSync(dirname(at), { recursive: true });
  symlinkSync(relative(dirname(at), target), at);
}

async function compileInto(out: string): Promise<number> {
  const files = sourceFiles();
  const result = await esbuild({
    entryPoints: files,
    outdir: out,
    outbase: ROOT,
    bundle: false,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    tsconfig: `${ROOT}tsconfig.json`,
    sourcemap: 'linked',
    write: false,
    logLevel: 'warning',
  });
  for (const file of result.outputFiles) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.path.endsWith('.js') ? rewriteImports(file.text) : file.contents);
  }
  for (const pkg of serverPackages()) {
    const from = `${ROOT}${pkg}`;
    for (const entry of readdirSync(from)) {
      if (['src', 'test', 'node_modules', 'package.json'].includes(entry)) continue;
      link(`${from}/${entry}`, `${out}/${pkg}/${entry}`);
    }
    const manifest = JSON.parse(readFileSync(`${from}/package.json`, 'utf8')) as {
      name?: string;
    };
    writeFileSync(
      `${out}/${pkg}/package.json`,
      `${JSON.stringify(compiledManifest(manifest), null, 2)}\n`,
    );
    if (manifest.name?.startsWith('@autolytiq/')) {
      link(`${out}/${pkg}`, `${out}/node_modules/${manifest.name}`);
    }
  }
  link(`${ROOT}schema`, `${out}/schema`); // the router's default SUPERGRAPH_PATH is ../../schema/…
  return files.length;
}

function prune(keep: string): void {
  const builds = readdirSync(DIST)
    .filter((name) => /^[0-9a-f]{16}$/.test(name) && name !== keep)
    .map((name) => ({ name, mtime: statSync(`${DIST}/${name}`).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime);
  for (const old of builds.slice(KEEP_BUILDS)) {
    rmSync(`${DIST}/${old.name}`, { recursive: true, force: true });
  }
  for (const name of readdirSync(DIST)) {
    // Leftovers of a build that was interrupted.
    if (name.includes('.partial-')) {
      const pid = Number(name.split('.partial-')[1]);
      if (!alive(pid)) rmSync(`${DIST}/${name}`, { recursive: true, force: true });
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function pointCurrentAt(hash: string): void {
  if (existsSync(CURRENT) || isLink(CURRENT)) {
    if (isLink(CURRENT) && readlinkSync(CURRENT) === hash) return;
  }
  const tmp = `${CURRENT}.${process.pid}`;
  rmSync(tmp, { force: true });
  symlinkSync(hash, tmp);
  renameSync(tmp, CURRENT); // atomic: a reader sees the old or the new build, never none
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

export interface ServerBuild {
  /** Absolute folder of the build: run `node <dir>/router/src/main.js`. */
  dir: string;
  hash: string;
  /** False when a build of these sources already existed. */
  built: boolean;
  ms: number;
}

/** Builds the current sources unless that build exists; points dist/current at it. */
export async function ensureServerBuild(
  log: (line: string) => void = () => {},
): Promise<ServerBuild> {
  const started = Date.now();
  const hash = serverSourceHash();
  const dir = `${DIST}/${hash}`;
  mkdirSync(DIST, { recursive: true });
  if (existsSync(`${dir}/${COMPLETE}`)) {
    pointCurrentAt(hash);
    return { dir, hash, built: false, ms: Date.now() - started };
  }
  log(`compiling the server side to ${relative(ROOT, dir)}/ …`);
  const partial = `${dir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  const files = await compileInto(partial);
  writeFileSync(`${partial}/${COMPLETE}`, `${new Date().toISOString()} ${files} files\n`);
  try {
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true }); // incomplete leftover
    renameSync(partial, dir);
  } catch (error) {
    // Another build of the same sources finished first: use it.
    rmSync(partial, { recursive: true, force: true });
    if (!existsSync(`${dir}/${COMPLETE}`)) throw error;
  }
  pointCurrentAt(hash);
  prune(hash);
  const ms = Date.now() - started;
  log(`compiled ${files} files in ${(ms / 1000).toFixed(1)} s`);
  return { dir, hash, built: true, ms };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  ensureServerBuild((line) => console.log(line)).then(
    (b) => console.log(`${b.built ? 'built' : 'up to date'}: ${relative(ROOT, b.dir)}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
