// GraphiQL served from the router's own bundle, so the explorer works with no internet (Apollo
// Sandbox and GraphiQL's CDN pages do not). graphiql 4 + React 19 (the same React as the web app,
// so one copy is installed) are bundled by esbuild on first use — about 2 s — into one JS and one CSS
// file (fonts are inlined by graphiql's CSS), cached on disk by a key over the package versions.
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { Router, type Request, type Response } from 'express';
import type { Logger } from '@autolytiq/kit/core';

const require = createRequire(import.meta.url);
const ROUTER_DIR = fileURLToPath(new URL('..', import.meta.url));

// The browser entry. The fetcher posts to the router's /graphql with the headers typed in
// GraphiQL's headers editor (e.g. {"authorization": "Bearer ..."}).
const ENTRY = `
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
const endpoint = new URL('graphql', document.baseURI).href;
async function fetcher(params, options) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...(options && options.headers) },
    body: JSON.stringify(params),
  });
  return response.json();
}
const defaultQuery = [
  '# Autolytiq GraphQL explorer.',
  '# Sign in with the login mutation, then add',
  '#   {"authorization": "Bearer <accessToken>"}',
  '# in the Headers tab below.',
  '',
  'query Me {',
  '  me {',
  '    id',
  '    username',
  '    dealership {',
  '      name',
  '    }',
  '  }',
  '}',
  '',
].join('\\n');
createRoot(document.getElementById('graphiql')).render(
  createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: 'headers' }),
);
`;

interface Asset {
  type: string;
  body: Buffer;
  gzipped: Buffer;
}

export interface Explorer {
  router: Router;
  /** Resolves when the bundle is built or loaded from the cache (rejects if that failed). */
  ready: Promise<void>;
}

function version(pkg: string): string {
  return (require(`${pkg}/package.json`) as { version: string }).version;
}

function bundleKey(): string {
  const parts = ['graphiql', 'react', 'react-dom', 'esbuild'].map((p) => `${p}@${version(p)}`);
  return createHash('sha256')
    .update(parts.join() + ENTRY)
    .digest('hex')
    .slice(0, 12);
}

export function defaultExplorerCacheDir(): string {
  return join(
    dirname(require.resolve('graphiql/package.json')),
    '..',
    '.cache',
    'autolytiq-explorer',
  );
}

async function buildBundle(): Promise<{ js: Buffer; css: Buffer }> {
  const { build } = await import('esbuild');
  const result = await build({
    stdin: {
      contents: ENTRY,
      resolveDir: ROUTER_DIR,
      loader: 'js',
      sourcefile: 'explorer-entry.js',
    },
    bundle: true,
    minify: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    outdir: 'out',
    entryNames: 'explorer',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const file = (ext: string) =>
    Buffer.from(result.outputFiles.find((f) => f.path.endsWith(ext))!.contents);
  return { js: file('.js'), css: file('.css') };
}

async function loadOrBuild(
  cacheDir: string,
  key: string,
  logger: Logger,
): Promise<{ js: Buffer; css: Buffer }> {
  const dir = join(cacheDir, key);
  try {
    return {
      js: await readFile(join(dir, 'explorer.js')),
      css: await readFile(join(dir, 'explorer.css')),
    };
  } catch {
    // not cached yet
  }
  const started = performance.now();
  const bundle = await buildBundle();
  logger.info({ durationMs: Math.round(performance.now() - started) }, 'explorer bundle built');
  try {
    await mkdir(dir, { recursive: true });
    // Write-then-rename so replicas starting together never read a half-written file.
    for (const [name, body] of [
      ['explorer.js', bundle.js],
      ['explorer.css', bundle.css],
    ] as const) {
      const temp = join(dir, `${name}.${process.pid}.tmp`);
      await writeFile(temp, body);
      await rename(temp, join(dir, name));
    }
    // Bundles of older package versions are never read again.
    for (const entry of await readdir(cacheDir)) {
      if (entry !== key) await rm(join(cacheDir, entry), { recursive: true, force: true });
    }
  } catch (error) {
    logger.warn({ err: error, cacheDir }, 'explorer bundle not cached (kept in memory)');
  }
  return bundle;
}

function page(key: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Autolytiq GraphQL explorer</title>
<link rel="stylesheet" href="explorer/explorer.${key}.css">
<style>html,body,#graphiql{height:100%;margin:0}</style>
</head>
<body>
<div id="graphiql">Loading the explorer…</div>
<script src="explorer/explorer.${key}.js"></script>
</body>
</html>`;
}

// Everything the page loads comes from the router itself; the policy makes the browser enforce it.
// No other site may frame the explorer (clickjacking a signed-in operator into running a mutation);
// X-Frame-Options says the same to browsers that ignore frame-ancestors.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; font-src 'self' data:; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

export function wantsHtml(req: Request): boolean {
  return req.method === 'GET' && req.accepts(['application/json', 'text/html']) === 'text/html';
}

export function createExplorer(options: { cacheDir?: string; logger: Logger }): Explorer {
  const key = bundleKey();
  const html = page(key);
  const assets = new Map<string, Asset>();
  const ready = loadOrBuild(
    options.cacheDir ?? defaultExplorerCacheDir(),
    key,
    options.logger,
  ).then(async (b) => {
    const zip = promisify(gzip);
    assets.set(`explorer.${key}.js`, {
      type: 'text/javascript; charset=utf-8',
      body: b.js,
      gzipped: await zip(b.js),
    });
    assets.set(`explorer.${key}.css`, {
      type: 'text/css; charset=utf-8',
      body: b.css,
      gzipped: await zip(b.css),
    });
  });
  ready.catch((error: unknown) => options.logger.error({ err: error }, 'explorer bundle failed'));

  const router = Router();
  const sendPage = (req: Request, res: Response, next: () => void) => {
    if (!wantsHtml(req)) return next();
    res.setHeader('content-security-policy', CSP);
    res.setHeader('x-frame-options', 'DENY');
    res.type('html').send(html);
  };
  router.get('/', sendPage);
  router.get('/graphql', sendPage);
  router.get('/explorer/:file', async (req, res) => {
    await ready.catch(() => undefined);
    const asset = assets.get(req.params.file);
    if (!asset) return void res.status(404).type('text').send('Not found');
    const useGzip = /\bgzip\b/.test(req.get('accept-encoding') ?? '');
    res.setHeader('content-type', asset.type);
    res.setHeader('cache-control', 'public, max-age=31536000, immutable'); // the key is in the name
    res.setHeader('vary', 'accept-encoding');
    if (useGzip) res.setHeader('content-encoding', 'gzip');
    res.send(useGzip ? asset.gzipped : asset.body);
  });
  return { router, ready };
}
