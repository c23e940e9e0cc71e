// Subscriptions through the router (graphql-ws): connection_init auth, per-event cross-subgraph
// resolution as the subscriber, the same directives and limits as HTTP, tenant isolation, bounds,
// session/token end, schema reload, and nothing left behind (sockets, upstreams, bus listeners).
// Real parts: kit subgraphs serving graphql-ws, Redis pub/sub at 127.0.0.1:6379, real WebSockets.
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { RedisEventBus } from '@autolytiq/kit';
import { DEFAULT_LIMITS } from '../src/config.ts';
import { openUpstreamSockets } from '../src/subscriptions/upstream.ts';
import type { RunningRouter } from '../src/router.ts';
import { parseSupergraph } from '../src/supergraph.ts';
import {
  entityCalls,
  sign,
  startSubsHarness,
  startThings,
  until,
  watch,
  wsClient,
  composeFile,
  type SubsHarness,
} from './subscriptions-support.ts';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const bus = new RedisEventBus(REDIS_URL);
const publisher = new RedisEventBus(REDIS_URL);
let h: SubsHarness;
let router: RunningRouter;
const clients: Client[] = [];
const A = randomUUID();
const B = randomUUID();

beforeAll(async () => {
  h = await startSubsHarness(bus);
  router = await h.startRouter();
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await h?.stop();
  await bus.close();
  await publisher.close();
});

async function connect(r: RunningRouter, params: Record<string, unknown> | undefined) {
  const c = wsClient(r, params);
  clients.push(c);
  return c;
}

async function as(
  dealershipId: string,
  extra: {
    permissions?: string[];
    username?: string;
    sub?: string;
    sessionId?: string;
    expiresIn?: string | number;
  } = {},
  r: RunningRouter = router,
) {
  const token = await sign(h.jwks, { dealershipId, ...extra });
  return connect(r, { authorization: `Bearer ${token}` });
}

const EVENTS =
  'subscription Things($id: ID) { thingEvents(thingId: $id) { thingId n dealershipId owner { id name } } }';

async function publish(dealershipId: string, n: number, thingId = 't1') {
  await publisher.publish(dealershipId, 'things', { thingId, n, ownerId: `p${n}`, cost: 1000 + n });
}

/** Waits until the subgraph has the expected number of bus listeners (subscriptions are live). */
const listening = (n: number) => until(() => bus.stats().listeners === n);

async function settled() {
  expect(await until(() => router.subscriptions.stats().subscriptions === 0)).toBe(true);
  expect(await until(() => openUpstreamSockets() === 0)).toBe(true);
  expect(await until(() => bus.stats().listeners === 0)).toBe(true);
  expect(await until(() => h.things.subscriptions!.sockets() === 0)).toBe(true);
}

describe('connection_init', () => {
  it('closes with 4401 before sending anything when the token is missing or bad', async () => {
    for (const params of [undefined, {}, { authorization: 'Bearer not.a.jwt' }]) {
      const c = await connect(router, params);
      let acked = false;
      c.on('connected', () => void (acked = true));
      const { outcome } = watch(c, EVENTS);
      expect(await until(() => outcome.closed !== undefined)).toBe(true);
      expect(outcome.closed!.code).toBe(4401);
      expect(acked).toBe(false);
      expect(outcome.next).toEqual([]);
    }
    expect(router.subscriptions.stats().sockets).toBe(0);
  });
});

describe('events through the router', () => {
  it("resolves each event's fields from the other subgraph, as the subscriber", async () => {
    entityCalls.length = 0;
    const c = await as(A, { username: 'maria' });
    const { outcome, stop } = watch(c, EVENTS);
    await listening(1);
    await publish(A, 1);
    await publish(A, 2);
    expect(await until(() => outcome.next.length === 2)).toBe(true);
    expect(outcome.next).toEqual([
      {
        data: {
          thingEvents: {
            thingId: 't1',
            n: 1,
            dealershipId: A,
            owner: { id: 'p1', name: 'Person p1' },
          },
        },
      },
      {
        data: {
          thingEvents: {
            thingId: 't1',
            n: 2,
            dealershipId: A,
            owner: { id: 'p2', name: 'Person p2' },
          },
        },
      },
    ]);
    expect(entityCalls).toEqual(['maria', 'maria']);
    stop();
    await settled();
  });

  it('keeps two dealerships connected at once apart', async () => {
    const a = watch(await as(A), EVENTS);
    const b = watch(await as(B), EVENTS);
    await listening(2);
    await publish(A, 10);
    await publish(B, 20);
    await publish(A, 11);
    expect(await until(() => a.outcome.next.length === 2 && b.outcome.next.length === 1)).toBe(
      true,
    );
    await new Promise((r) => setTimeout(r, 100));
    const ns = (o: typeof a.outcome) =>
      o.next.map(
        (n) => (n.data as { thingEvents: { n: number; dealershipId: string } }).thingEvents,
      );
    expect(ns(a.outcome)).toEqual([
      expect.objectContaining({ n: 10, dealershipId: A }),
      expect.objectContaining({ n: 11, dealershipId: A }),
    ]);
    expect(ns(b.outcome)).toEqual([expect.objectContaining({ n: 20, dealershipId: B })]);
    a.stop();
    b.stop();
    await settled();
  });

  it('filters by argument (variables reach the owning subgraph)', async () => {
    const { outcome, stop } = watch(await as(A), EVENTS, { id: 't2' });
    await listening(1);
    await publish(A, 1, 't1');
    await publish(A, 2, 't2');
    expect(await until(() => outcome.next.length === 1)).toBe(true);
    expect((outcome.next[0]!.data as { thingEvents: { n: number } }).thingEvents.n).toBe(2);
    stop();
    await settled();
  });
});

describe('the same rules as HTTP', () => {
  it('never sends a field the user could not query', async () => {
    const c = await as(A, { permissions: ['things.read'] });
    const cost = watch(c, 'subscription { thingEvents { n cost } }');
    const salary = watch(c, 'subscription { thingEvents { n owner { salary } } }');
    expect(await until(() => !!cost.outcome.error && !!salary.outcome.error)).toBe(true);
    expect(cost.outcome.error![0]!.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'ThingEvent.cost',
    });
    expect(salary.outcome.error![0]!.extensions).toMatchObject({
      code: 'FORBIDDEN',
      field: 'Person.salary',
    });
    const none = watch(await as(A, { permissions: [] }), EVENTS);
    expect(await until(() => !!none.outcome.error)).toBe(true);
    expect(none.outcome.error![0]!.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(bus.stats().listeners).toBe(0);
  });

  it('answers bad operations with GraphQL errors and keeps the connection', async () => {
    const c = await as(A);
    const bad = [
      'subscription {',
      'subscription { nope }',
      '{ thingCount }',
      'subscription { thingEvents { owner { id name id name } } } subscription Two { thingEvents { n } }',
      'subscription($id: Int) { thingEvents(thingId: $id) { n } }',
      'subscription { __typename }',
    ];
    const watched = bad.map((q) => watch(c, q));
    expect(await until(() => watched.every((w) => !!w.outcome.error))).toBe(true);
    for (const w of watched) expect(w.outcome.error![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    const deep = watch(c, 'subscription { thingEvents { owner { id } } }', undefined);
    await listening(1);
    await publish(A, 5);
    expect(await until(() => deep.outcome.next.length === 1)).toBe(true);
    deep.stop();
    await settled();
  });

  it('screens inputs like HTTP: a NUL byte or an oversize string is refused naming the field', async () => {
    const c = await as(A);
    const variable = watch(c, EVENTS, { id: 'thing\u0000one' });
    const literal = watch(c, 'subscription { thingEvents(thingId: "a\\u0000b") { n } }');
    const long = watch(c, EVENTS, { id: 'x'.repeat(20_000) });
    expect(await until(() => [variable, literal, long].every((w) => !!w.outcome.error))).toBe(true);
    expect(variable.outcome.error![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    expect(literal.outcome.error![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'thingEvents.thingId',
    });
    expect(long.outcome.error![0]!.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'id',
    });
    expect(bus.stats().listeners).toBe(0);
  });

  it('applies the token cap, and closes on a message larger than an HTTP body (1009)', async () => {
    const r = await h.startRouter({ limits: { ...DEFAULT_LIMITS, maxDepth: 4, maxTokens: 40 } });
    const c = await as(A, {}, r);
    const many = watch(c, `subscription { thingEvents { ${'n '.repeat(40)} } }`);
    expect(await until(() => !!many.outcome.error)).toBe(true);
    expect(many.outcome.error![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(many.outcome.error![0]!.message).toMatch(/Document contains more tha[nt] 40 tokens/); // graphql-js spells it "that";
    // A fresh client: the lazy one above may still report its own normal close (1000).
    const huge = watch(await as(A, {}, r), EVENTS, { id: 'x'.repeat(1100 * 1024) });
    expect(await until(() => huge.outcome.closed !== undefined)).toBe(true);
    expect(huge.outcome.closed!.code).toBe(1009);
    expect(bus.stats().listeners).toBe(0);
  });

  it('applies the depth limit', async () => {
    const r = await h.startRouter({ limits: { ...DEFAULT_LIMITS, maxDepth: 2 } });
    const { outcome } = watch(
      await as(A, {}, r),
      'subscription { thingEvents { owner { name } } }',
    );
    expect(await until(() => !!outcome.error)).toBe(true);
    expect(outcome.error![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'depth' });
  });
});

describe('bounds and lifetimes', () => {
  it('bounds sockets per user and subscriptions per socket', async () => {
    const r = await h.startRouter({
      subscriptions: { maxSocketsPerUser: 2, maxSubscriptionsPerSocket: 1 },
    });
    const sub = randomUUID();
    const first = watch(await as(A, { sub }, r), EVENTS);
    const second = watch(await as(A, { sub }, r), EVENTS);
    await listening(2);
    const third = watch(await as(A, { sub }, r), EVENTS);
    expect(await until(() => third.outcome.closed !== undefined)).toBe(true);
    expect(third.outcome.closed!.code).toBe(4429);
    const c = await as(A, {}, r);
    const one = watch(c, EVENTS);
    await listening(3);
    const two = watch(c, EVENTS);
    expect(await until(() => !!two.outcome.error)).toBe(true);
    expect(two.outcome.error![0]!.message).toMatch(/At most 1 subscription/);
    for (const w of [first, second, one]) w.stop();
    await until(() => r.subscriptions.stats().subscriptions === 0);
    expect(r.subscriptions.stats().subscriptions).toBe(0);
  });

  it('closes the socket when the token expires', async () => {
    const { outcome } = watch(await as(A, { expiresIn: '5s' }), EVENTS);
    await listening(1);
    expect(await until(() => outcome.closed !== undefined)).toBe(true);
    expect(outcome.closed).toEqual({ code: 4401, reason: 'Token expired' });
    await settled();
  });

  /** A client that can send a ping with a payload (the in-band refresh) and records the pongs. */
  function refreshable(token: string) {
    let socket: { send(data: string): void } | undefined;
    const pongs: Record<string, unknown>[] = [];
    const client = createClient({
      url: router.url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      retryAttempts: 0,
      lazy: true,
      connectionParams: { authorization: `Bearer ${token}` },
      on: {
        connected: (s) => void (socket = s as { send(data: string): void }),
        pong: (_received, payload) => void pongs.push(payload ?? {}),
      },
    });
    clients.push(client);
    const ping = (payload: Record<string, unknown>) =>
      socket!.send(JSON.stringify({ type: 'ping', payload }));
    return { client, pongs, ping };
  }

  it('renews the token in-band: the subscriptions outlive the first token, as the same user', async () => {
    const who = { sub: randomUUID(), sessionId: randomUUID(), username: 'renewing' };
    const c = refreshable(await sign(h.jwks, { dealershipId: A, ...who, expiresIn: '3s' }));
    const { outcome, stop } = watch(c.client, EVENTS);
    await listening(1);
    const next = await sign(h.jwks, { dealershipId: A, ...who, expiresIn: '10m' });
    c.ping({ authorization: `Bearer ${next}` });
    expect(await until(() => c.pongs.length === 1)).toBe(true);
    expect(c.pongs[0]).toEqual({ refreshed: true, expiresAt: expect.any(String) });
    expect(c.pongs[0]).not.toHaveProperty('authorization'); // the token is never echoed
    await new Promise((r) => setTimeout(r, 4_500)); // past the first token's expiry and a sweep
    expect(outcome.closed).toBeUndefined();
    // The event's fields from the other subgraph are fetched with the new token (the old one is
    // expired: the people subgraph would refuse it).
    entityCalls.length = 0;
    await publish(A, 7);
    expect(await until(() => outcome.next.length === 1)).toBe(true);
    expect(outcome.next[0]).toEqual({
      data: {
        thingEvents: {
          thingId: 't1',
          n: 7,
          dealershipId: A,
          owner: { id: 'p7', name: 'Person p7' },
        },
      },
    });
    expect(entityCalls).toEqual(['renewing']);
    stop();
    await settled();
  });

  it('refuses a bad refresh and changes nothing; another user’s token closes the socket (4403)', async () => {
    const who = { sub: randomUUID(), sessionId: randomUUID() };
    const c = refreshable(await sign(h.jwks, { dealershipId: A, ...who }));
    const { outcome } = watch(c.client, EVENTS);
    await listening(1);
    c.ping({ authorization: 'Bearer not-a-token' });
    c.ping({ authorization: 42 });
    const expired = await sign(h.jwks, { dealershipId: A, ...who, expiresIn: '-1s' });
    c.ping({ authorization: `Bearer ${expired}` });
    expect(await until(() => c.pongs.length === 3)).toBe(true);
    // Each is answered when checked (a malformed one at once): compare without the order.
    expect(c.pongs.map((p) => p.reason).sort()).toEqual([
      'Send { authorization: "Bearer <token>" }.',
      'Unauthorized',
      'Unauthorized',
    ]);
    expect(c.pongs.every((p) => p.refreshed === false && !('authorization' in p))).toBe(true);
    c.ping({ keepalive: 1 }); // an ordinary ping is answered as before
    expect(await until(() => c.pongs.length === 4)).toBe(true);
    expect(c.pongs[3]).toEqual({ keepalive: 1 });
    await publish(A, 8);
    expect(await until(() => outcome.next.length === 1)).toBe(true);
    const someoneElse = await sign(h.jwks, { dealershipId: A, sub: randomUUID() });
    c.ping({ authorization: `Bearer ${someoneElse}` });
    expect(await until(() => outcome.closed !== undefined)).toBe(true);
    expect(outcome.closed).toEqual({
      code: 4403,
      reason: 'Forbidden: a refresh must be for the same user',
    });
    const otherTenant = refreshable(await sign(h.jwks, { dealershipId: A, ...who }));
    const watched = watch(otherTenant.client, EVENTS);
    await listening(1);
    c.pongs.length = 0;
    otherTenant.ping({
      authorization: `Bearer ${await sign(h.jwks, { dealershipId: B, ...who })}`,
    });
    expect(await until(() => watched.outcome.closed !== undefined)).toBe(true);
    expect(watched.outcome.closed!.code).toBe(4403);
    await settled();
  });

  it('closes the socket within seconds of the session ending (revocation feed)', async () => {
    const revoked: Array<{ id: string; revokedAt: number }> = [];
    const feed = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ asOf: Date.now(), sessions: revoked }));
    });
    await new Promise<void>((r) => feed.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(feed.address() as AddressInfo).port}/internal/revoked-sessions`;
    const r = await h.startRouter({ revocations: { url, secret: 'x'.repeat(16), pollMs: 200 } });
    const sessionId = randomUUID();
    const { outcome } = watch(await as(A, { sessionId }, r), EVENTS);
    await listening(1);
    revoked.push({ id: sessionId, revokedAt: Date.now() });
    expect(await until(() => outcome.closed !== undefined)).toBe(true);
    expect(outcome.closed).toEqual({ code: 4401, reason: 'Session ended' });
    feed.close();
    await settled();
  });

  it('completes subscriptions with a clear error when the schema is reloaded', async () => {
    const { outcome } = watch(await as(A), EVENTS);
    await listening(1);
    const { sdl } = composeFile();
    router.subscriptions.reload(sdl, parseSupergraph(sdl).authzSchema);
    expect(await until(() => outcome.completed === true || !!outcome.error)).toBe(true);
    const last = outcome.next.at(-1);
    expect(last?.errors?.[0]).toMatchObject({
      message: 'The schema changed: subscribe again.',
      extensions: { code: 'CONFLICT' },
    });
    await settled();
  });

  it('leaves no socket, upstream, bus listener or subscription after clients disconnect', async () => {
    const cs = await Promise.all([as(A), as(A), as(B)]);
    cs.forEach((c) => {
      watch(c, EVENTS);
      watch(c, 'subscription { thingEvents { n } }');
    });
    await listening(6);
    expect(router.subscriptions.stats()).toEqual({ sockets: 3, subscriptions: 6 });
    expect(openUpstreamSockets()).toBeGreaterThanOrEqual(3);
    await Promise.all(cs.map((c) => c.dispose()));
    await settled();
    expect(await until(() => router.subscriptions.stats().sockets === 0)).toBe(true);
  });
});

describe('several replicas', () => {
  it('two routers (and two subgraph replicas) sharing one Redis each deliver every event once', async () => {
    const otherBus = new RedisEventBus(REDIS_URL);
    const secret = `things2-${randomUUID()}`;
    const things2 = await startThings(otherBus, secret, h.jwks.url);
    try {
      const r2 = await h.startRouter({
        subgraphs: {
          things: { url: things2.url, secret },
          people: h.peopleEndpoint,
        },
      });
      const one = watch(await as(A), EVENTS);
      const two = watch(await as(A, {}, r2), EVENTS);
      await until(() => bus.stats().listeners === 1 && otherBus.stats().listeners === 1);
      for (let i = 0; i < 10; i++) await publish(A, i);
      expect(
        await until(() => one.outcome.next.length >= 10 && two.outcome.next.length >= 10),
      ).toBe(true);
      await new Promise((r) => setTimeout(r, 200));
      const ns = (o: typeof one.outcome) =>
        o.next.map((n) => (n.data as { thingEvents: { n: number } }).thingEvents.n);
      expect(ns(one.outcome)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      expect(ns(two.outcome)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
      one.stop();
      two.stop();
      await until(() => otherBus.stats().listeners === 0);
      expect(otherBus.stats().listeners).toBe(0);
    } finally {
      await things2.stop();
      await otherBus.close();
    }
  });
});
