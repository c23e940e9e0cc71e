// @vitest-environment node
// The web server's same-origin WebSocket: a graphql-ws subscription through the proxy reaches a real
// graphql-ws server standing in for the router, which sees the browser's address; other paths are
// not upgraded; closing either side closes the other.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from 'graphql';
import { createClient } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import WebSocket, { WebSocketServer } from 'ws';
// @ts-expect-error -- a plain .mjs module (no types), as web/server.mjs uses it
import { proxyWebSocket } from '../ws-proxy.mjs';

const schema = buildSchema(`
  type Query { ping: String }
  type Subscription { count(to: Int!): Int! }
`);
const seenForwardedFor: string[] = [];
let router: http.Server;
let web: http.Server;
let routerSockets: WebSocketServer;

async function listen(server: http.Server) {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return `127.0.0.1:${(server.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  router = http.createServer();
  routerSockets = new WebSocketServer({ server: router, path: '/graphql' });
  routerSockets.on('connection', (_s, req) => {
    seenForwardedFor.push(String(req.headers['x-forwarded-for']));
  });
  useServer(
    {
      schema,
      roots: {
        subscription: {
          count: async function* ({ to }: { to: number }) {
            for (let i = 1; i <= to; i++) yield { count: i };
          },
        },
      },
    },
    routerSockets,
  );
  const routerBase = `http://${await listen(router)}`;
  web = http.createServer((_req, res) => res.end('page'));
  web.on('upgrade', (req, socket, head) => {
    if (!proxyWebSocket(req, socket, head, '203.0.113.7', routerBase)) socket.destroy();
  });
  await listen(web);
});
afterAll(() => {
  routerSockets.close();
  router.close();
  web.close();
});

describe('web server WebSocket proxy', () => {
  it('carries a graphql-ws subscription to the router with the browser address', async () => {
    const { port } = web.address() as AddressInfo;
    const client = createClient({
      url: `ws://127.0.0.1:${port}/graphql`,
      webSocketImpl: WebSocket,
      retryAttempts: 0,
    });
    const got: unknown[] = [];
    await new Promise<void>((resolve, reject) =>
      client.subscribe(
        { query: 'subscription { count(to: 3) }' },
        { next: (v) => void got.push(v), error: reject, complete: resolve },
      ),
    );
    expect(got).toEqual([{ data: { count: 1 } }, { data: { count: 2 } }, { data: { count: 3 } }]);
    expect(seenForwardedFor).toEqual(['203.0.113.7']);
    await client.dispose();
    for (let i = 0; i < 100 && routerSockets.clients.size > 0; i++) {
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(routerSockets.clients.size).toBe(0);
  });

  it('does not upgrade other paths', async () => {
    const { port } = web.address() as AddressInfo;
    const ws = new WebSocket(`ws://127.0.0.1:${port}/elsewhere`);
    const failed = await new Promise<boolean>((resolve) => {
      ws.on('open', () => resolve(false));
      ws.on('error', () => resolve(true));
    });
    expect(failed).toBe(true);
  });
});
