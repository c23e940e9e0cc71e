// @vitest-environment node
// The web server's /health and /ready: alive; ready (or degraded when the router is down, still 200);
// 503 once draining; other paths are left to Next.
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs module (no types), as web/server.mjs uses it
import { healthRoutes } from '../health.mjs';

let routerUp = true;
let router: http.Server;
let routerUrl: string;

async function serve(handler: http.RequestListener) {
  const server = http.createServer(handler).listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

beforeAll(async () => {
  ({ server: router, url: routerUrl } = await serve((req, res) => {
    res.statusCode = routerUp && req.url === '/health' ? 200 : 503;
    res.end('{}');
  }));
});
afterAll(() => router?.close());

describe('web /health and /ready', () => {
  it('says alive, ready, degraded when the router is down, and stopping when draining', async () => {
    const routes = healthRoutes(() => routerUrl, { cacheMs: 0 });
    const { server, url } = await serve((req, res) => {
      if (!routes.handle(req, res)) res.end('next');
    });
    const get = async (path: string) => {
      const res = await fetch(`${url}${path}`);
      return { status: res.status, body: await res.text() };
    };
    try {
      expect(await get('/health')).toEqual({
        status: 200,
        body: '{"status":"ok","service":"web"}',
      });
      expect(JSON.parse((await get('/ready')).body)).toEqual({
        status: 'ready',
        service: 'web',
        router: 'up',
      });
      routerUp = false;
      const degraded = await get('/ready');
      expect(degraded.status).toBe(200);
      expect(JSON.parse(degraded.body)).toMatchObject({ status: 'degraded', router: 'down' });
      expect((await get('/sign-in')).body).toBe('next');
      routes.drain();
      expect((await get('/ready')).status).toBe(503);
    } finally {
      routerUp = true;
      server.close();
    }
  });
});
