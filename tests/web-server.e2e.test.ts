// The web server in front of the router: whatever X-Forwarded-For a browser sends, the router is told
// the address the browser really connects from (the router believes its loopback proxy, so a forged
// header would otherwise pick the "client address" its per-address sign-in limit counts).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { freePort } from '@autolytiq/tools/embedded-postgres.ts';
import { WEB_DIR, WEB_DIST_ENV, ensureWebBuild } from '@autolytiq/tools/web.ts';

let router: http.Server; // a stand-in that answers with the X-Forwarded-For it received
let web: ChildProcess;
let webUrl: string;
let distDir: string;

async function startWeb(extraEnv: Record<string, string> = {}) {
  const port = await freePort();
  const routerPort = (router.address() as AddressInfo).port;
  const child = spawn(process.execPath, [`${WEB_DIR}/server.mjs`], {
    env: {
      ...process.env,
      ...extraEnv,
      [WEB_DIST_ENV]: distDir,
      PORT: String(port),
      ROUTER_URL: `http://127.0.0.1:${routerPort}`,
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => String(d).includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`web server exited ${code}`)));
  });
  return { child, url: `http://127.0.0.1:${port}` };
}

beforeAll(async () => {
  ({ distDir } = await ensureWebBuild());
  router = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ data: { forwardedFor: req.headers['x-forwarded-for'] ?? null } }));
  });
  router.listen(0, '127.0.0.1');
  await once(router, 'listening');
  ({ child: web, url: webUrl } = await startWeb());
}, 300_000);

afterAll(() => {
  web?.kill('SIGTERM');
  router?.close();
});

const forwardedFor = async (url: string, header?: string) => {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(header ? { 'x-forwarded-for': header } : {}),
    },
    body: JSON.stringify({ query: '{ __typename }' }),
  });
  return ((await res.json()) as { data: { forwardedFor: string } }).data.forwardedFor;
};

it('replaces a forged X-Forwarded-For with the real address', async () => {
  expect(await forwardedFor(webUrl, '6.6.6.6')).toBe('127.0.0.1');
  expect(await forwardedFor(webUrl)).toBe('127.0.0.1');
});

it('keeps it when told it sits behind a load balancer that sets it', async () => {
  const trusting = await startWeb({ WEB_TRUST_FORWARDED_FOR: '1' });
  try {
    expect(await forwardedFor(trusting.url, '203.0.113.9')).toBe('203.0.113.9');
  } finally {
    trusting.child.kill('SIGTERM');
  }
});
