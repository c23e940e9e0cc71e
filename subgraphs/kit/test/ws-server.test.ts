// graphql-ws on a subgraph: the router's secret and the user's token are checked in connection_init
// (4403 / 4401 before any ack), operations get the authorization directives and typed errors, events
// stream from the bus with a fresh per-event context, and ending a subscription leaves no listener.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { parse } from 'graphql';
import {
  AUTHZ_LINK_SDL,
  MAX_MESSAGE_BYTES,
  MemoryEventBus,
  SUBGRAPH_MAX_TOKENS,
  busIterator,
  createLogger,
  requirePrincipal,
  startSubgraphServer,
  type Principal,
  type RequestContext,
  type RunningSubgraph,
} from '../src/index.ts';

const SECRET = 'kit-ws-test-secret-0123456789';
const TENANT_A = randomUUID();
const TENANT_B = randomUUID();
const principals: Record<string, Principal> = {
  reader: principal(TENANT_A, ['things.read']),
  nobody: principal(TENANT_A, []),
  other: principal(TENANT_B, ['things.read']),
};

function principal(dealershipId: string, permissions: string[]): Principal {
  return {
    userId: randomUUID(),
    dealershipId,
    sessionId: randomUUID(),
    username: 'u',
    roles: [],
    permissions,
  };
}

const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
  ${AUTHZ_LINK_SDL}
  type Query { ping: String @public }
  type Thing { n: Int!, contextsSeen: Int!, timezone: String }
  type Subscription { things(label: String): Thing! @hasPermission(permission: "things.read") }
`);

const bus = new MemoryEventBus();
let server: RunningSubgraph;
const clients: Client[] = [];
let contextsSeen = new Set<unknown>();

beforeAll(async () => {
  server = await startSubgraphServer({
    name: 'kit-ws',
    typeDefs,
    resolvers: {
      Query: { ping: () => 'pong' },
      Subscription: {
        things: {
          subscribe: (_: unknown, __: unknown, ctx: RequestContext) =>
            busIterator(bus, requirePrincipal(ctx).dealershipId, 'things'),
          resolve: (payload: { n: number }, _: unknown, ctx: RequestContext) => {
            if (ctx.principal?.dealershipId === TENANT_A) contextsSeen.add(ctx.scoped);
            return {
              ...payload,
              contextsSeen: contextsSeen.size,
              timezone: ctx.principal?.timezone ?? null,
            };
          },
        },
      },
    } as never,
    port: 0,
    host: '127.0.0.1',
    subgraphSecret: SECRET,
    verifyToken: async (token) => {
      const p = principals[token];
      if (!p) throw new Error('bad token');
      return p;
    },
    logger: createLogger('kit-ws', 'silent'),
    development: false,
    ready: async () => true,
  });
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server?.stop();
});

function client(params: Record<string, unknown>): Client {
  const c = createClient({
    url: server.url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: params,
  });
  clients.push(c);
  return c;
}

interface Outcome {
  next: unknown[];
  error?: unknown;
  closed?: number;
}

/** Subscribes and collects until `count` results, an error or a close. */
function run(
  c: Client,
  query: string,
  count: number,
  variables?: Record<string, unknown>,
): Promise<Outcome> {
  const out: Outcome = { next: [] };
  return new Promise((resolve) => {
    c.on('closed', (e) => {
      out.closed = (e as { code: number }).code;
      resolve(out);
    });
    const stop = c.subscribe(
      { query, variables },
      {
        next: (v) => {
          out.next.push(v);
          if (out.next.length >= count) {
            stop();
            resolve(out);
          }
        },
        error: (e) => {
          out.error = e;
          resolve(out);
        },
        complete: () => resolve(out),
      },
    );
  });
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !check(); i++) await new Promise((r) => setTimeout(r, 20));
}

describe('subgraph subscriptions over graphql-ws', () => {
  it('closes with 4403 without the subgraph secret and 4401 with a bad token', async () => {
    const noSecret = await run(client({ authorization: 'Bearer reader' }), '{ ping }', 1);
    expect(noSecret.closed).toBe(4403);
    const badToken = await run(
      client({ 'x-subgraph-secret': SECRET, authorization: 'Bearer forged' }),
      '{ ping }',
      1,
    );
    expect(badToken.closed).toBe(4401);
  });

  it('refuses a subscription the caller may not read, and bad operations, with typed errors', async () => {
    const c = client({ 'x-subgraph-secret': SECRET, authorization: 'Bearer nobody' });
    const refused = await run(c, 'subscription { things { n } }', 1);
    expect(refused.error).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }),
    ]);
    const invalid = await run(c, 'subscription { nope }', 1);
    expect(invalid.error).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    ]);
    const syntax = await run(c, 'subscription {', 1);
    expect((syntax.error as Array<{ extensions: { code: string } }>)[0]!.extensions.code).toBe(
      'BAD_USER_INPUT',
    );
    expect(bus.stats().listeners).toBe(0);
  });

  it('gives operations the checks HTTP gives them: input screen, token cap, message size', async () => {
    const c = client({ 'x-subgraph-secret': SECRET, authorization: 'Bearer reader' });
    const nul = await run(c, 'subscription($l: String) { things(label: $l) { n } }', 1, {
      l: 'a\u0000b',
    });
    expect(nul.error).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'l' }),
      }),
    ]);
    const tokens = await run(
      c,
      `subscription { things { ${'n '.repeat(SUBGRAPH_MAX_TOKENS)} } }`,
      1,
    );
    expect(tokens.error).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/more tha[nt] 10000 tokens/),
        extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
      }),
    ]);
    // Over HTTP the same document is refused too (Apollo Server's parse with the same cap).
    const res = await fetch(server.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-subgraph-secret': SECRET,
        authorization: 'Bearer reader',
      },
      body: JSON.stringify({ query: `{ ${'ping '.repeat(SUBGRAPH_MAX_TOKENS)} }` }),
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toMatch(/more tha[nt] 10000 tokens/);
    // A fresh client: the lazy one above may still report its own normal close (1000).
    const fresh = client({ 'x-subgraph-secret': SECRET, authorization: 'Bearer reader' });
    const huge = await run(fresh, 'subscription($l: String) { things(label: $l) { n } }', 1, {
      l: 'x'.repeat(MAX_MESSAGE_BYTES),
    });
    expect(huge.closed).toBe(1009);
    expect(bus.stats().listeners).toBe(0);
  });

  it("carries the dealership's time zone the router sends, as over HTTP; a bogus one is ignored", async () => {
    const params = { 'x-subgraph-secret': SECRET, authorization: 'Bearer other' };
    const chicago = client({ ...params, 'x-dealership-timezone': 'America/Chicago' });
    const bogus = client({ ...params, 'x-dealership-timezone': "Mars/Olympus'; drop" });
    const gotChicago = run(chicago, 'subscription { things { n timezone } }', 1);
    const gotBogus = run(bogus, 'subscription { things { n timezone } }', 1);
    await until(() => bus.stats().listeners === 2);
    await bus.publish(TENANT_B, 'things', { n: 7 });
    expect((await gotChicago).next).toEqual([
      { data: { things: { n: 7, timezone: 'America/Chicago' } } },
    ]);
    expect((await gotBogus).next).toEqual([{ data: { things: { n: 7, timezone: null } } }]);
    await until(() => bus.stats().listeners === 0);
  });

  it("streams the tenant's own events with a fresh context per event, and cleans up", async () => {
    contextsSeen = new Set();
    const a = client({ 'x-subgraph-secret': SECRET, authorization: 'Bearer reader' });
    const b = client({ 'x-subgraph-secret': SECRET, authorization: 'Bearer other' });
    const gotA = run(a, 'subscription { things { n contextsSeen } }', 2);
    const gotB = run(b, 'subscription { things { n } }', 1);
    await until(() => bus.stats().listeners === 2);
    await bus.publish(TENANT_A, 'things', { n: 1 });
    await bus.publish(TENANT_B, 'things', { n: 99 });
    await bus.publish(TENANT_A, 'things', { n: 2 });
    expect((await gotA).next).toEqual([
      { data: { things: { n: 1, contextsSeen: 1 } } },
      { data: { things: { n: 2, contextsSeen: 2 } } },
    ]);
    expect((await gotB).next).toEqual([{ data: { things: { n: 99 } } }]);
    await until(() => bus.stats().listeners === 0);
    expect(bus.stats()).toEqual({ channels: 0, listeners: 0 });
  });

  it('removes the listener when the socket drops mid-subscription', async () => {
    const c = client({ 'x-subgraph-secret': SECRET, authorization: 'Bearer reader' });
    void run(c, 'subscription { things { n } }', 5);
    await until(() => bus.stats().listeners === 1);
    expect(bus.stats().listeners).toBe(1);
    await c.dispose();
    await until(() => bus.stats().listeners === 0);
    expect(bus.stats().listeners).toBe(0);
    await until(() => server.subscriptions!.sockets() === 0);
    expect(server.subscriptions!.sockets()).toBe(0);
  });
});
